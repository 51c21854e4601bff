package dev.kafkaevents.kafka.consumer;

import java.util.List;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.RetryMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ExceptionMatcher;

/**
 * Sends a failed record of a consuming mapping on: to its next retry topic with
 * {@code retry.mode: topics}, else to its dead-letter topic, logging where it went and
 * telling the observers.
 *
 * @author kafka-events
 */
final class FailedRecordForwarder implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final ConsumingMapping mapping;

	private final List<ConsumingObserver> observers;

	private final DeadLetterPublisher deadLetters;

	private final boolean deadLetterFailures;

	private final @Nullable RetryTopics retryTopics;

	FailedRecordForwarder(ConsumingMapping mapping, List<ConsumingObserver> observers, ExceptionMatcher retryable) {
		this.mapping = mapping;
		this.observers = List.copyOf(observers);
		this.deadLetters = new DeadLetterPublisher(mapping);
		this.deadLetterFailures = !mapping.deadLetterTopics().isEmpty();
		this.retryTopics = (this.deadLetterFailures && mapping.retry().mode() == RetryMode.TOPICS
				&& mapping.retry().retries()) ? new RetryTopics(mapping, this.deadLetters.template(), retryable) : null;
	}

	/**
	 * Return the retry topics of the mapping.
	 * @return the retry topics, empty unless {@code retry.mode} is {@code topics}
	 */
	List<String> retryTopics() {
		return (this.retryTopics != null) ? this.retryTopics.topics() : List.of();
	}

	/**
	 * Return the template of the mapping's dead-letter producer.
	 * @return the template
	 */
	KafkaTemplate<byte[], byte[]> template() {
		return this.deadLetters.template();
	}

	/**
	 * Return whether a failed record's next destination is a retry topic.
	 * @param record the record
	 * @param failure why it failed
	 * @return whether it goes to a retry topic rather than a dead-letter topic
	 */
	boolean willRetry(ConsumerRecord<?, ?> record, Throwable failure) {
		String next = (this.retryTopics != null) ? this.retryTopics.next(record, failure) : null;
		return next != null && this.retryTopics.isRetryTopic(next);
	}

	/**
	 * Send a failed record to its next retry topic or its dead-letter topic and wait for
	 * the broker's acknowledgement; log where it went, or why it could not be sent.
	 * @param record the record
	 * @param failure why it failed
	 * @param consumer the consumer that received it
	 * @return whether the record was sent
	 */
	boolean forward(ConsumerRecord<?, ?> record, Throwable failure, @Nullable Consumer<?, ?> consumer) {
		if (this.retryTopics != null) {
			String next = this.retryTopics.next(record, failure);
			return next != null && sent(record, failure, next, this.retryTopics.isRetryTopic(next),
					() -> this.retryTopics.send(record, failure, consumer));
		}
		return this.deadLetterFailures && forwardToDeadLetter(record, failure, consumer);
	}

	/**
	 * Send a failed record of one of the mapping's Kafka topics to its dead-letter topic,
	 * the default one if the mapping has none, whatever its attempts, and wait for the
	 * broker's acknowledgement.
	 * @param record the record
	 * @param failure why it failed
	 * @param consumer the consumer that received it
	 * @return whether the record was sent
	 */
	boolean forwardToDeadLetter(ConsumerRecord<?, ?> record, Throwable failure, @Nullable Consumer<?, ?> consumer) {
		return sent(record, failure, this.deadLetters.topic(record), false,
				() -> this.deadLetters.send(record, failure, consumer));
	}

	private boolean sent(ConsumerRecord<?, ?> record, Throwable failure, String destination, boolean retry,
			Runnable send) {
		String message = LogPrefix.failure(this.mapping, record);
		try {
			send.run();
		}
		catch (RuntimeException ex) {
			logger.error(message + " and could not send it to " + (retry ? "retry" : "dead-letter") + " topic "
					+ destination, ex);
			return false;
		}
		if (retry) {
			logger.warn(message + "; sent it to retry topic " + destination + ": " + failure);
		}
		else {
			logger.error(message + "; sent it to dead-letter topic " + destination, failure);
		}
		notifyObservers(record, destination, retry);
		return true;
	}

	private void notifyObservers(ConsumerRecord<?, ?> record, String destination, boolean retry) {
		boolean failedAgain = !retry && DeadLetterHeaders.isReplayed(record);
		for (ConsumingObserver observer : this.observers) {
			if (retry) {
				observer.recordRetried(this.mapping, record, destination);
			}
			else {
				observer.recordDeadLettered(this.mapping, record, destination);
			}
			if (failedAgain) {
				observer.recordReplayed(this.mapping, destination, ReplayResult.FAILED_AGAIN);
			}
		}
	}

	@Override
	public void close() {
		this.deadLetters.close();
	}

}
