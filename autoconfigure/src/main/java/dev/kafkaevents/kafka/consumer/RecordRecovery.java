package dev.kafkaevents.kafka.consumer;

import java.util.Arrays;
import java.util.Map;

import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The spring-kafka error handling of a consuming mapping: a {@link DefaultErrorHandler}
 * that retries a record whose handling failed with exponential back-off, never a poison
 * record or a failure the mapping declares not retryable, before the mapping's failure
 * policy applies; and spring-kafka's {@link DeadLetterPublishingRecoverer} for the
 * dead-letter topic.
 *
 * @author kafka-events
 */
final class RecordRecovery implements AutoCloseable {

	private static final int DEAD_LETTER_MAX_REQUEST_SIZE = 32 * 1024 * 1024;

	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	private final ConsumingMapping mapping;

	private @Nullable DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory;

	private @Nullable DeadLetterPublishingRecoverer deadLetterRecoverer;

	RecordRecovery(ConsumingMapping mapping) {
		this.mapping = mapping;
	}

	/**
	 * Create the error handler of the mapping's listener container.
	 * @param failurePolicy what happens to a record once its retries are exhausted
	 * @return the error handler
	 */
	DefaultErrorHandler errorHandler(ConsumerAwareRecordRecoverer failurePolicy) {
		HandlerRetry retry = this.mapping.retry();
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(failurePolicy,
				(retry.attempts() > 1) ? backOff(retry) : NO_RETRIES);
		errorHandler.setBackOffFunction(
				(record, exception) -> (exception instanceof NotRetryableRecordException) ? NO_RETRIES : null);
		errorHandler.setAckAfterHandle(false);
		errorHandler.setLogLevel(KafkaException.Level.DEBUG);
		return errorHandler;
	}

	private boolean isRetryable(Throwable failure) {
		return !isPoison(failure) && this.mapping.retry().isRetryable(failure);
	}

	/**
	 * Return the exception that reports a failed record to the error handler. A failure
	 * that may not be retried has a type of its own, which the error handler's back-off
	 * function recognizes; since the handler starts over when the type changes, this also
	 * stops retrying a record whose later attempt fails that way.
	 * @param message the message
	 * @param failure the record's failure
	 * @param record the record
	 * @return the exception to throw from the listener
	 */
	BatchListenerFailedException failedRecord(String message, Throwable failure, ConsumerRecord<?, ?> record) {
		return isRetryable(failure) ? new BatchListenerFailedException(message, failure, record)
				: new NotRetryableRecordException(message, failure, record);
	}

	/**
	 * Return the failure the listener reported for a record, without the wrappers the
	 * listener container adds.
	 * @param exception the exception the error handler received
	 * @return the listener's failure
	 */
	static Throwable listenerFailure(@Nullable Throwable exception) {
		Assert.notNull(exception, "'exception' must not be null");
		Throwable failure = exception;
		while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException)
				&& failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

	/**
	 * Return whether a failure comes from the record itself, so that no retry can help:
	 * its value is not JSON, or its payload does not fit the type a handler declares.
	 * @param failure the failure
	 * @return whether the record is poison
	 */
	private static boolean isPoison(Throwable failure) {
		if (failure instanceof KafkaRecordEvents.InvalidRecordValueException
				|| failure instanceof EventPayloadConversionException) {
			return true;
		}
		if (failure instanceof EventDeliveryException delivery) {
			return delivery.getCause() instanceof EventPayloadConversionException
					|| Arrays.stream(delivery.getSuppressed())
						.anyMatch(EventPayloadConversionException.class::isInstance);
		}
		return false;
	}

	private static ExponentialBackOff backOff(HandlerRetry retry) {
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxAttempts(retry.attempts() - 1);
		return backOff;
	}

	/**
	 * Return whether failed records go to a dead-letter topic.
	 * @return whether a dead-letter topic is configured
	 */
	boolean hasDeadLetterTopic() {
		return this.mapping.deadLetterTopic() != null;
	}

	/**
	 * Send a failed record to the dead-letter topic and wait for the broker's
	 * acknowledgement.
	 * @param record the record
	 * @param failure why it failed
	 * @param consumer the consumer that received it
	 * @throws RuntimeException if the record could not be sent
	 */
	void deadLetter(ConsumerRecord<?, ?> record, Throwable failure, @Nullable Consumer<?, ?> consumer) {
		Throwable cause = FailedRecord.handlerFailure(failure);
		Exception exception = (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
		deadLetterRecoverer().accept(record, consumer, exception);
	}

	private synchronized DeadLetterPublishingRecoverer deadLetterRecoverer() {
		if (this.deadLetterRecoverer == null) {
			String topic = this.mapping.deadLetterTopic();
			this.deadLetterProducerFactory = new DefaultKafkaProducerFactory<>(deadLetterProducerProperties());
			this.deadLetterRecoverer = new DeadLetterPublishingRecoverer(
					new KafkaTemplate<>(this.deadLetterProducerFactory), (failed, ex) -> new TopicPartition(topic, -1));
		}
		return this.deadLetterRecoverer;
	}

	/**
	 * Return the dead-letter producer's properties: the mapping's connection settings,
	 * and a {@code max.request.size} that defaults to the producer's
	 * {@code buffer.memory} so that the dead-letter topic's {@code max.message.bytes},
	 * not the producer's 1 MiB default, decides whether a large record fits.
	 * @return the producer properties
	 */
	private Map<String, Object> deadLetterProducerProperties() {
		Map<String, Object> properties = SslBundleEngineFactory.retain(this.mapping.consumerProperties(),
				ProducerConfig.configNames());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, this.mapping.clientId() + "-dead-letter");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEAD_LETTER_MAX_REQUEST_SIZE);
		return properties;
	}

	/**
	 * Reports a record whose failure may not be retried.
	 */
	static final class NotRetryableRecordException extends BatchListenerFailedException {

		NotRetryableRecordException(String message, Throwable cause, ConsumerRecord<?, ?> record) {
			super(message, cause, record);
		}

	}

	@Override
	public synchronized void close() {
		if (this.deadLetterProducerFactory != null) {
			this.deadLetterProducerFactory.destroy();
			this.deadLetterProducerFactory = null;
			this.deadLetterRecoverer = null;
		}
	}

}
