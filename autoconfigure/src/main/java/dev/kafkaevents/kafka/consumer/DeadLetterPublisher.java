package dev.kafkaevents.kafka.consumer;

import java.util.List;
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
 * Sends the failed records of a consuming mapping to its dead-letter topic
 * ({@code deadLetterTopic}, or {@code <kafka topic>.dead-letter} when an operator
 * dead-letters a record of a mapping without one) through spring-kafka's
 * {@link DeadLetterPublishingRecoverer}, adding {@link DeadLetterHeaders}, with a
 * producer of its own that accepts any record the consumer could fetch. Its template also
 * sends records to retry topics and replays.
 *
 * @author kafka-events
 */
final class DeadLetterPublisher implements AutoCloseable {

	private static final int DEAD_LETTER_MAX_REQUEST_SIZE = 32 * 1024 * 1024;

	private final ConsumingMapping mapping;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

	private final KafkaTemplate<byte[], byte[]> template;

	private final DeadLetterPublishingRecoverer recoverer;

	DeadLetterPublisher(ConsumingMapping mapping) {
		this.mapping = mapping;
		this.producerFactory = new DefaultKafkaProducerFactory<>(producerProperties(mapping));
		this.template = new KafkaTemplate<>(this.producerFactory);
		this.recoverer = new DeadLetterPublishingRecoverer(this.template,
				(failed, ex) -> new TopicPartition(topic(failed), -1));
		this.recoverer.setHeadersFunction((failed, ex) -> DeadLetterHeaders.of(mapping));
	}

	/**
	 * Return the dead-letter topic of a record.
	 * @param record a record of one of the mapping's Kafka topics
	 * @return the dead-letter topic
	 */
	String topic(ConsumerRecord<?, ?> record) {
		return topic(this.mapping, record.topic());
	}

	/**
	 * Return the dead-letter topic of the records of a Kafka topic of a mapping.
	 * @param mapping the mapping
	 * @param kafkaTopic the Kafka topic
	 * @return the mapping's dead-letter topic, else {@code <kafka topic>.dead-letter}
	 */
	static String topic(ConsumingMapping mapping, String kafkaTopic) {
		String topic = mapping.deadLetterTopic(kafkaTopic);
		return (topic != null) ? topic : kafkaTopic + ConsumingMapping.DEAD_LETTER_SUFFIX;
	}

	/**
	 * Return every dead-letter topic of a mapping, in the order of its Kafka topics.
	 * @param mapping the mapping
	 * @return the dead-letter topics, the default ones of a mapping without
	 * {@code deadLetterTopic}
	 */
	static List<String> topics(ConsumingMapping mapping) {
		return mapping.kafkaTopics().stream().map((kafkaTopic) -> topic(mapping, kafkaTopic)).distinct().toList();
	}

	/**
	 * Return the template of the dead-letter producer.
	 * @return the template
	 */
	KafkaTemplate<byte[], byte[]> template() {
		return this.template;
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
		this.recoverer.accept(record, consumer, exception(failure));
	}

	/**
	 * Return the handler's failure behind a failure of the events service, as an
	 * exception for spring-kafka's recoverers.
	 * @param failure the failure
	 * @return the exception
	 */
	static Exception exception(Throwable failure) {
		Throwable cause = FailedRecord.handlerFailure(failure);
		return (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
	}

	/**
	 * Return the dead-letter producer's properties: the mapping's connection settings,
	 * and a {@code max.request.size} that defaults to 32 MiB so that the dead-letter
	 * topic's {@code max.message.bytes}, not the producer's 1 MiB default, decides
	 * whether a large record fits.
	 * @return the producer properties
	 */
	private static Map<String, Object> producerProperties(ConsumingMapping mapping) {
		Map<String, Object> properties = SslBundleEngineFactory.retain(mapping.consumerProperties(),
				ProducerConfig.configNames());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, mapping.clientId() + "-dead-letter");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEAD_LETTER_MAX_REQUEST_SIZE);
		return properties;
	}

	@Override
	public void close() {
		this.producerFactory.destroy();
	}

}
