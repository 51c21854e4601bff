package dev.kafkaevents.kafka.consumer;

import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
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

/**
 * Sends the failed records of a consuming mapping to its {@code deadLetterTopic} through
 * spring-kafka's {@link DeadLetterPublishingRecoverer}, with a producer of its own
 * created on first use.
 *
 * @author kafka-events
 */
final class DeadLetterPublisher implements AutoCloseable {

	private static final int DEAD_LETTER_MAX_REQUEST_SIZE = 32 * 1024 * 1024;

	private final ConsumingMapping mapping;

	private final String topic;

	private @Nullable DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

	private @Nullable DeadLetterPublishingRecoverer recoverer;

	DeadLetterPublisher(ConsumingMapping mapping, String topic) {
		this.mapping = mapping;
		this.topic = topic;
	}

	String topic() {
		return this.topic;
	}

	/**
	 * Send a failed record to the dead-letter topic and wait for the broker's
	 * acknowledgement.
	 * @param record the record
	 * @param failure why it failed
	 * @param consumer the consumer that received it
	 * @throws RuntimeException if the record could not be sent
	 */
	void send(ConsumerRecord<?, ?> record, Throwable failure, @Nullable Consumer<?, ?> consumer) {
		Throwable cause = FailedRecord.handlerFailure(failure);
		Exception exception = (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
		recoverer().accept(record, consumer, exception);
	}

	private synchronized DeadLetterPublishingRecoverer recoverer() {
		if (this.recoverer == null) {
			this.producerFactory = new DefaultKafkaProducerFactory<>(producerProperties());
			this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(this.producerFactory),
					(failed, ex) -> new TopicPartition(this.topic, -1));
		}
		return this.recoverer;
	}

	/**
	 * Return the dead-letter producer's properties: the mapping's connection settings,
	 * and a {@code max.request.size} that defaults to the producer's
	 * {@code buffer.memory} so that the dead-letter topic's {@code max.message.bytes},
	 * not the producer's 1 MiB default, decides whether a large record fits.
	 * @return the producer properties
	 */
	private Map<String, Object> producerProperties() {
		Map<String, Object> properties = SslBundleEngineFactory.retain(this.mapping.consumerProperties(),
				ProducerConfig.configNames());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, this.mapping.clientId() + "-dead-letter");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEAD_LETTER_MAX_REQUEST_SIZE);
		return properties;
	}

	@Override
	public synchronized void close() {
		if (this.producerFactory != null) {
			this.producerFactory.destroy();
			this.producerFactory = null;
			this.recoverer = null;
		}
	}

}
