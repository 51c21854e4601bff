package dev.kafkaevents.kafka;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.kafkaevents.kafka.format.RecordFormat;
import org.jspecify.annotations.Nullable;

/**
 * One {@code kafkaConsumingEventPublisher} mapping, resolved: Kafka topics consumed by a
 * group and published to an events topic, with the complete Kafka consumer properties.
 *
 * @param id stable, readable id of the mapping: {@code <instance>.<events topic>}, unique
 * within the application
 * @param instance name of the instance the mapping belongs to
 * @param clientId Kafka client id of the instance
 * @param brokers bootstrap brokers of the instance
 * @param eventsTopic events topic the records are published to
 * @param kafkaTopics Kafka topics consumed
 * @param groupId consumer group id
 * @param fromBeginning whether a group without committed offsets starts at the earliest
 * offset, or {@code null} for the client's default
 * @param autoCommit whether offsets of processed records are committed asynchronously
 * after each poll rather than synchronously
 * @param pauseOnError whether a failed record pauses its partition
 * @param concurrency number of consumers in this application
 * @param retry how a failed record is retried before the failure policy applies
 * @param deadLetterTopic Kafka topic on the same instance that failed records are sent to
 * after their retries, or {@code null}
 * @param consumerProperties Kafka consumer properties, secrets included
 * @param format formats of the record values and keys
 * @param filter filter deciding which records reach the handlers, or {@code null}
 * @param defaultDeadLetterTopics whether, without a {@code deadLetterTopic} name, each
 * Kafka topic has its own dead-letter topic, {@code <kafka topic>.dead-letter}
 * @param shareGroup whether the Kafka topics are consumed through a share group named
 * {@code groupId} (Kafka 4.2 queues) rather than a consumer group
 * @param idempotency how records are told apart and in which transaction they are handled
 * when the mapping is idempotent, or {@code null} when it is not
 * @author kafka-events
 */
public record ConsumingMapping(String id, String instance, String clientId, List<String> brokers, String eventsTopic,
		List<String> kafkaTopics, String groupId, @Nullable Boolean fromBeginning, boolean autoCommit,
		boolean pauseOnError, int concurrency, HandlerRetry retry, @Nullable String deadLetterTopic,
		Map<String, Object> consumerProperties, RecordFormat format, @Nullable KafkaEventFilter filter,
		boolean defaultDeadLetterTopics, boolean shareGroup, @Nullable Idempotency idempotency) {

	/**
	 * Suffix of the default dead-letter topic of a Kafka topic.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

	/**
	 * Kafka consumer properties that a share consumer refuses: the share group's own
	 * configuration takes their place ({@code share.auto.offset.reset},
	 * {@code share.session.timeout.ms}, {@code share.heartbeat.interval.ms},
	 * {@code share.isolation.level}).
	 */
	public static final Set<String> SHARE_CONSUMER_UNSUPPORTED_PROPERTIES = Set.of("auto.offset.reset",
			"enable.auto.commit", "group.instance.id", "isolation.level", "partition.assignment.strategy",
			"interceptor.classes", "session.timeout.ms", "heartbeat.interval.ms", "group.protocol",
			"group.remote.assignor");

	/**
	 * Create a new mapping.
	 * @param id stable id of the mapping
	 * @param instance name of the instance
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic
	 * @param kafkaTopics Kafka topics consumed
	 * @param groupId consumer group id
	 * @param fromBeginning whether to start at the earliest offset
	 * @param autoCommit whether offsets are committed asynchronously
	 * @param pauseOnError whether a failed record pauses its partition
	 * @param concurrency number of consumers
	 * @param retry retry policy of failed records
	 * @param deadLetterTopic dead-letter topic, or {@code null}
	 * @param consumerProperties Kafka consumer properties
	 * @param format record formats
	 * @param filter record filter, or {@code null}
	 * @param defaultDeadLetterTopics whether each Kafka topic has its default dead-letter
	 * topic when {@code deadLetterTopic} is {@code null}
	 * @param shareGroup whether the topics are consumed through a share group
	 * @param idempotency idempotency of the records, or {@code null}
	 */
	public ConsumingMapping {
		brokers = List.copyOf(brokers);
		kafkaTopics = List.copyOf(kafkaTopics);
		consumerProperties = Map.copyOf(consumerProperties);
	}

	/**
	 * Create a new mapping consumed through a consumer group, not idempotent.
	 * @param id stable id of the mapping
	 * @param instance name of the instance
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic
	 * @param kafkaTopics Kafka topics consumed
	 * @param groupId consumer group id
	 * @param fromBeginning whether to start at the earliest offset
	 * @param autoCommit whether offsets are committed asynchronously
	 * @param pauseOnError whether a failed record pauses its partition
	 * @param concurrency number of consumers
	 * @param retry retry policy of failed records
	 * @param deadLetterTopic dead-letter topic, or {@code null}
	 * @param consumerProperties Kafka consumer properties
	 * @param format record formats
	 * @param filter record filter, or {@code null}
	 * @param defaultDeadLetterTopics whether each Kafka topic has its default dead-letter
	 * topic when {@code deadLetterTopic} is {@code null}
	 */
	public ConsumingMapping(String id, String instance, String clientId, List<String> brokers, String eventsTopic,
			List<String> kafkaTopics, String groupId, @Nullable Boolean fromBeginning, boolean autoCommit,
			boolean pauseOnError, int concurrency, HandlerRetry retry, @Nullable String deadLetterTopic,
			Map<String, Object> consumerProperties, RecordFormat format, @Nullable KafkaEventFilter filter,
			boolean defaultDeadLetterTopics) {
		this(id, instance, clientId, brokers, eventsTopic, kafkaTopics, groupId, fromBeginning, autoCommit,
				pauseOnError, concurrency, retry, deadLetterTopic, consumerProperties, format, filter,
				defaultDeadLetterTopics, false, null);
	}

	/**
	 * Create a new mapping of JSON values, without filter or default dead-letter topics.
	 * @param id stable id of the mapping
	 * @param instance name of the instance
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic
	 * @param kafkaTopics Kafka topics consumed
	 * @param groupId consumer group id
	 * @param fromBeginning whether to start at the earliest offset
	 * @param autoCommit whether offsets are committed asynchronously
	 * @param pauseOnError whether a failed record pauses its partition
	 * @param concurrency number of consumers
	 * @param retry retry policy of failed records
	 * @param deadLetterTopic dead-letter topic, or {@code null}
	 * @param consumerProperties Kafka consumer properties
	 */
	public ConsumingMapping(String id, String instance, String clientId, List<String> brokers, String eventsTopic,
			List<String> kafkaTopics, String groupId, @Nullable Boolean fromBeginning, boolean autoCommit,
			boolean pauseOnError, int concurrency, HandlerRetry retry, @Nullable String deadLetterTopic,
			Map<String, Object> consumerProperties) {
		this(id, instance, clientId, brokers, eventsTopic, kafkaTopics, groupId, fromBeginning, autoCommit,
				pauseOnError, concurrency, retry, deadLetterTopic, consumerProperties, RecordFormat.DEFAULT, null,
				false, false, null);
	}

	/**
	 * Return the dead-letter topic of the records of a Kafka topic of this mapping.
	 * @param kafkaTopic the Kafka topic the record came from
	 * @return the {@code deadLetterTopic} name, {@code <kafka topic>.dead-letter} with
	 * default dead-letter topics, or {@code null} if there is none
	 */
	public @Nullable String deadLetterTopic(String kafkaTopic) {
		if (this.deadLetterTopic != null) {
			return this.deadLetterTopic;
		}
		return this.defaultDeadLetterTopics ? kafkaTopic + DEAD_LETTER_SUFFIX : null;
	}

	/**
	 * Return every dead-letter topic of this mapping, in the order of its Kafka topics.
	 * @return the dead-letter topics, empty if failed records are not dead-lettered
	 */
	public List<String> deadLetterTopics() {
		return this.kafkaTopics.stream().map(this::deadLetterTopic).filter(Objects::nonNull).distinct().toList();
	}

	@Override
	public String toString() {
		return "ConsumingMapping[id=" + this.id + ", brokers=" + this.brokers + ", kafkaTopics=" + this.kafkaTopics
				+ ", groupId=" + this.groupId + ", eventsTopic=" + this.eventsTopic + "]";
	}

}
