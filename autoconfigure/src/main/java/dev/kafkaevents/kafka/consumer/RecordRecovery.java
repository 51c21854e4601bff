package dev.kafkaevents.kafka.consumer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What a consuming mapping does with a record whose handling failed before its failure
 * policy applies: retries with exponential back-off, then sends it to the dead-letter
 * topic with spring-kafka's {@link DeadLetterPublishingRecoverer}.
 *
 * @author kafka-events
 */
final class RecordRecovery implements AutoCloseable {

	private static final int DEAD_LETTER_MAX_REQUEST_SIZE = 32 * 1024 * 1024;

	private final ConsumingMapping mapping;

	private final Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> handler;

	private volatile CountDownLatch stopping = new CountDownLatch(1);

	private @Nullable DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory;

	private @Nullable DeadLetterPublishingRecoverer deadLetterRecoverer;

	RecordRecovery(ConsumingMapping mapping,
			Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> handler) {
		this.mapping = mapping;
		this.handler = handler;
	}

	/**
	 * Retry a failed record as the mapping's retry policy says.
	 * @param record the record
	 * @param failure its first failure
	 * @return the outcome of the retries
	 */
	Outcome retry(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
		HandlerRetry retry = this.mapping.retry();
		if (retry.attempts() <= 1 || isPoison(failure) || !retry.isRetryable(failure)) {
			return Outcome.failed(failure);
		}
		BackOffExecution backOff = backOff(retry).start();
		Throwable last = failure;
		for (int attempt = 2; attempt <= retry.attempts(); attempt++) {
			if (!awaitBackOff(backOff.nextBackOff())) {
				return Outcome.interrupted(last);
			}
			last = attempt(record);
			if (last == null) {
				return Outcome.SUCCEEDED;
			}
			if (!retry.isRetryable(last)) {
				break;
			}
		}
		return Outcome.failed(last);
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

	private boolean awaitBackOff(long millis) {
		try {
			return millis == BackOffExecution.STOP || !this.stopping.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private @Nullable Throwable attempt(ConsumerRecord<byte[], byte[]> record) {
		try {
			this.handler.apply(record).join();
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (RuntimeException ex) {
			return ex;
		}
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
	void deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable failure, Consumer<?, ?> consumer) {
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
	 * Stop waiting between retries: the record in hand is left uncommitted.
	 */
	void stopping() {
		this.stopping.countDown();
	}

	/**
	 * Allow waiting between retries again, once the mapping has been started.
	 */
	void started() {
		this.stopping = new CountDownLatch(1);
	}

	@Override
	public synchronized void close() {
		if (this.deadLetterProducerFactory != null) {
			this.deadLetterProducerFactory.destroy();
			this.deadLetterProducerFactory = null;
			this.deadLetterRecoverer = null;
		}
	}

	/**
	 * Outcome of retrying a record.
	 *
	 * @param failure the last failure, or {@code null} when a retry succeeded
	 * @param interrupted whether retrying stopped because the mapping is stopping
	 */
	record Outcome(@Nullable Throwable failure, boolean interrupted) {

		static final Outcome SUCCEEDED = new Outcome(null, false);

		static Outcome failed(Throwable failure) {
			return new Outcome(failure, false);
		}

		static Outcome interrupted(Throwable failure) {
			return new Outcome(failure, true);
		}

	}

}
