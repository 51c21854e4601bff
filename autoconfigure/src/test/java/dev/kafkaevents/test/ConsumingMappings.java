package dev.kafkaevents.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.KafkaEventFilter;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.format.RecordFormat;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ConsumingMapping} with the consumer properties the instance registry
 * gives a mapping, against the in-JVM broker.
 *
 * @author kafka-events
 */
public final class ConsumingMappings {

	/**
	 * Events topic of a mapping unless another is set.
	 */
	public static final String EVENTS_TOPIC = "test.events";

	private final String instance;

	private final String kafkaTopic;

	private final String groupId;

	private String clientId;

	private String brokers = TestKafka.brokers();

	private String eventsTopic = EVENTS_TOPIC;

	private @Nullable Boolean fromBeginning = true;

	private boolean autoCommit = true;

	private boolean pauseOnError;

	private int concurrency = 1;

	private HandlerRetry retry = HandlerRetry.NONE;

	private @Nullable String deadLetterTopic;

	private RecordFormat format = RecordFormat.DEFAULT;

	private @Nullable KafkaEventFilter filter;

	private boolean defaultDeadLetterTopics;

	private boolean shareGroup;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private ConsumingMappings(String instance, String kafkaTopic, String groupId) {
		this.instance = instance;
		this.kafkaTopic = kafkaTopic;
		this.groupId = groupId;
		this.clientId = "test-" + instance;
	}

	/**
	 * Start a mapping of an instance that consumes a Kafka topic in a group from the
	 * beginning, committing periodically, skipping failed records without retry.
	 * @param instance the instance name
	 * @param kafkaTopic the Kafka topic to consume
	 * @param groupId the consumer group id
	 * @return the builder
	 */
	public static ConsumingMappings mapping(String instance, String kafkaTopic, String groupId) {
		return new ConsumingMappings(instance, kafkaTopic, groupId);
	}

	public ConsumingMappings format(RecordFormat format) {
		this.format = format;
		return this;
	}

	public ConsumingMappings filter(KafkaEventFilter filter) {
		this.filter = filter;
		return this;
	}

	public ConsumingMappings brokers(String brokers) {
		this.brokers = brokers;
		return this;
	}

	public ConsumingMappings clientId(String clientId) {
		this.clientId = clientId;
		return this;
	}

	public ConsumingMappings eventsTopic(String eventsTopic) {
		this.eventsTopic = eventsTopic;
		return this;
	}

	public ConsumingMappings fromBeginning(@Nullable Boolean fromBeginning) {
		this.fromBeginning = fromBeginning;
		return this;
	}

	public ConsumingMappings autoCommit(boolean autoCommit) {
		this.autoCommit = autoCommit;
		return this;
	}

	public ConsumingMappings pauseOnError(boolean pauseOnError) {
		this.pauseOnError = pauseOnError;
		return this;
	}

	public ConsumingMappings concurrency(int concurrency) {
		this.concurrency = concurrency;
		return this;
	}

	/**
	 * Retry a failed record with the default multiplier and longest wait.
	 * @param attempts total attempts, the first included
	 * @param initialInterval wait before the first retry
	 * @param notRetryable exception types never retried
	 * @return this builder
	 */
	@SafeVarargs
	public final ConsumingMappings retry(int attempts, Duration initialInterval,
			Class<? extends Exception>... notRetryable) {
		this.retry = new HandlerRetry(attempts, initialInterval, HandlerRetry.NONE.multiplier(),
				HandlerRetry.NONE.maxInterval(), Arrays.asList(notRetryable));
		return this;
	}

	/**
	 * Wait between attempts as the given mode says.
	 * @param mode the retry mode
	 * @return this builder
	 */
	public ConsumingMappings retryMode(RetryMode mode) {
		this.retry = new HandlerRetry(this.retry.attempts(), this.retry.initialInterval(), this.retry.multiplier(),
				this.retry.maxInterval(), this.retry.notRetryable(), mode);
		return this;
	}

	/**
	 * Give each Kafka topic its default dead-letter topic, as {@code deadLetterTopic:
	 * true}.
	 * @return this builder
	 */
	public ConsumingMappings defaultDeadLetterTopics() {
		this.defaultDeadLetterTopics = true;
		return this;
	}

	/**
	 * Consume through a share group named by the group id, as {@code kafka.shareGroup:
	 * true}.
	 * @return this builder
	 */
	public ConsumingMappings shareGroup() {
		this.shareGroup = true;
		return this;
	}

	public ConsumingMappings deadLetterTopic(String deadLetterTopic) {
		this.deadLetterTopic = deadLetterTopic;
		return this;
	}

	/**
	 * Add a Kafka consumer property, as the {@code properties} of an instance or mapping.
	 * @param key the Kafka key
	 * @param value the value
	 * @return this builder
	 */
	public ConsumingMappings property(String key, Object value) {
		this.properties.put(key, value);
		return this;
	}

	public ConsumingMapping build() {
		Map<String, Object> consumerProperties = new LinkedHashMap<>();
		consumerProperties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		consumerProperties.put(CommonClientConfigs.CLIENT_ID_CONFIG, this.clientId);
		consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, this.groupId);
		consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		if (this.fromBeginning != null) {
			consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, this.fromBeginning ? "earliest" : "latest");
		}
		consumerProperties.putAll(this.properties);
		return new ConsumingMapping(this.instance + "." + this.eventsTopic, this.instance, this.clientId,
				List.of(this.brokers.split(",")), this.eventsTopic, List.of(this.kafkaTopic), this.groupId,
				this.fromBeginning, this.autoCommit, this.pauseOnError, this.concurrency, this.retry,
				this.deadLetterTopic, consumerProperties, this.format, this.filter, this.defaultDeadLetterTopics,
				this.shareGroup, null);
	}

}
