package dev.kafkaevents.kafka.consumer;

import java.util.ArrayList;
import java.util.List;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.retrytopic.BackOffValuesGenerator;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DefaultDestinationTopicResolver;
import org.springframework.kafka.retrytopic.DestinationTopic;
import org.springframework.kafka.retrytopic.DestinationTopicPropertiesFactory;
import org.springframework.kafka.retrytopic.DltStrategy;
import org.springframework.kafka.retrytopic.RetryTopicConstants;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The retry topics of a consuming mapping with {@code retry.mode: topics}, built with
 * spring-kafka's retry-topic parts: {@link DestinationTopicPropertiesFactory} lays out
 * {@code <kafka topic>.retry-<n>}, one per retry with the delay of that attempt, then the
 * mapping's dead-letter topic; a {@link DefaultDestinationTopicResolver} picks the next
 * destination of a failed record; and a recoverer made by
 * {@link DeadLetterPublishingRecovererFactory} sends it there with the retry-topic
 * headers (attempt, due time) that the retry-topic container waits for.
 *
 * @author kafka-events
 */
final class RetryTopics {

	/**
	 * Suffix of a retry topic, before its index.
	 */
	static final String RETRY_SUFFIX = ".retry";

	private final ConsumingMapping mapping;

	private final DefaultDestinationTopicResolver resolver = new DefaultDestinationTopicResolver();

	private final List<String> topics = new ArrayList<>();

	private final DeadLetterPublishingRecoverer recoverer;

	RetryTopics(ConsumingMapping mapping, KafkaOperations<byte[], byte[]> template, ExceptionMatcher retryable) {
		this.mapping = mapping;
		HandlerRetry retry = mapping.retry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		List<Long> delays = new BackOffValuesGenerator(retry.attempts(), backOff).generateValues();
		for (String kafkaTopic : mapping.kafkaTopics()) {
			List<DestinationTopic> destinations = new ArrayList<>();
			for (DestinationTopic.Properties properties : new DestinationTopicPropertiesFactory(RETRY_SUFFIX,
					ConsumingMapping.DEAD_LETTER_SUFFIX, delays, retryable, -1, template, DltStrategy.FAIL_ON_ERROR,
					TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE, SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
					RetryTopicConstants.NOT_SET)
				.createProperties()) {
				String name = properties.isDltTopic() ? mapping.deadLetterTopic(kafkaTopic)
						: kafkaTopic + properties.suffix();
				destinations.add(new DestinationTopic(name, properties));
				if (properties.isRetryTopic()) {
					this.topics.add(name);
				}
			}
			this.resolver.addDestinationTopics(mapping.id(), destinations);
		}
		DeadLetterPublishingRecovererFactory factory = new DeadLetterPublishingRecovererFactory(this.resolver);
		factory.setHeadersFunction((record, ex) -> DeadLetterHeaders.of(mapping));
		factory.setPartitionResolver((record, topic) -> null);
		factory.neverLogListenerException();
		factory.setDeadLetterPublishingRecovererCustomizer(
				(recoverer) -> recoverer.setHeaderNamesSupplier(RetryTopics::deadLetterHeaderNames));
		this.recoverer = factory.create(mapping.id());
	}

	/**
	 * Return the names of the original coordinates and exception headers: the
	 * {@code kafka_dlt-*} headers of a plain dead-letter record, rather than the
	 * {@code kafka_*} ones of spring-kafka's retry topics, so that every dead-letter
	 * record of a mapping reads the same.
	 */
	private static HeaderNames deadLetterHeaderNames() {
		return HeaderNames.Builder.original()
			.offsetHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
			.timestampHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
			.timestampTypeHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE)
			.topicHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
			.partitionHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
			.consumerGroupHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
			.exception()
			.keyExceptionFqcn(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)
			.exceptionFqcn(KafkaHeaders.DLT_EXCEPTION_FQCN)
			.exceptionCauseFqcn(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
			.keyExceptionMessage(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)
			.exceptionMessage(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
			.keyExceptionStacktrace(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)
			.exceptionStacktrace(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
			.build();
	}

	/**
	 * Return every retry topic of the mapping.
	 * @return the retry topics
	 */
	List<String> topics() {
		return List.copyOf(this.topics);
	}

	/**
	 * Return where a failed record goes next: the next retry topic, or the dead-letter
	 * topic after the last attempt or for a failure that is not retried.
	 * @param record a record of a Kafka topic or retry topic of the mapping
	 * @param failure why it failed
	 * @return the destination topic
	 */
	@Nullable String next(ConsumerRecord<?, ?> record, Throwable failure) {
		DestinationTopic next = this.resolver.resolveDestinationTopic(this.mapping.id(), record.topic(),
				RetryAttempts.of(record), DeadLetterPublisher.exception(failure), record.timestamp());
		return next.isNoOpsTopic() ? null : next.getDestinationName();
	}

	/**
	 * Return whether a topic is a retry topic of the mapping.
	 * @param topic the topic
	 * @return whether it is one of {@link #topics()}
	 */
	boolean isRetryTopic(String topic) {
		return this.topics.contains(topic);
	}

	/**
	 * Send a failed record to its next destination and wait for the broker's
	 * acknowledgement.
	 * @param record the record
	 * @param failure why it failed
	 * @param consumer the consumer that received it
	 * @throws RuntimeException if the record could not be sent
	 */
	void send(ConsumerRecord<?, ?> record, Throwable failure, @Nullable Consumer<?, ?> consumer) {
		this.recoverer.accept(record, consumer, DeadLetterPublisher.exception(failure));
	}

}
