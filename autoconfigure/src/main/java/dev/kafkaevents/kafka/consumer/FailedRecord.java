package dev.kafkaevents.kafka.consumer;

import java.time.Instant;

import dev.kafkaevents.events.EventDeliveryException;

/**
 * A record whose processing failed and paused its partition: its coordinates, a summary
 * of the exception, and since when the partition is paused.
 *
 * @param topic Kafka topic of the record
 * @param partition partition of the record
 * @param offset offset of the record
 * @param exceptionClass class name of the failure
 * @param message shortened message of the failure
 * @param since when the partition was paused
 * @author kafka-events
 */
public record FailedRecord(String topic, int partition, long offset, String exceptionClass, String message,
		Instant since) {

	private static final int MAX_MESSAGE_LENGTH = 300;

	static FailedRecord of(String topic, int partition, long offset, Throwable failure) {
		failure = handlerFailure(failure);
		String message = String.valueOf(failure.getMessage());
		if (message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
		return new FailedRecord(topic, partition, offset, failure.getClass().getName(), message, Instant.now());
	}

	/**
	 * Return the failure of the handler behind an events service failure.
	 * @param failure a failure of publishing an event
	 * @return the first subscriber's failure, or the failure itself
	 */
	static Throwable handlerFailure(Throwable failure) {
		return (failure instanceof EventDeliveryException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
