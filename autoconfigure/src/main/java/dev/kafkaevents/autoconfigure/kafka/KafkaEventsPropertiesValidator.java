package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Connection;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ProducerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.PublishingTopic;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.kafka.RetryMode;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Validates {@link KafkaEventsProperties} before they are mapped, reporting every problem
 * with the full path of the property to fix: required keys, broker addresses, Kafka topic
 * names, values out of the Kafka client's range, {@code heartbeatInterval} not below
 * {@code sessionTimeout}, a dead-letter topic consumed by its own mapping, raw client
 * {@code properties} the Kafka client would reject, a publishing mapping that would echo
 * a consuming mapping, and a payload type carried to two events topics; also notes the
 * Backstage keys without effect.
 *
 * @author kafka-events
 */
final class KafkaEventsPropertiesValidator {

	static final String ROOT_PATH = "events.modules.kafka";

	static final String CONSUMING_PATH = ROOT_PATH + ".kafkaConsumingEventPublisher";

	static final String PUBLISHING_PATH = ROOT_PATH + ".kafkaPublishingEventConsumer";

	private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

	private static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

	private static final String BOOT_BROKERS = "spring.kafka.bootstrap-servers";

	private static final int MAX_TOPIC_LENGTH = 249;

	private static final Pattern LEGAL_TOPIC = Pattern
		.compile("^(?!\\.{1,2}$)[a-zA-Z0-9._-]{1," + MAX_TOPIC_LENGTH + "}$");

	private final BootKafkaConnections bootConnections;

	KafkaEventsPropertiesValidator(BootKafkaConnections bootConnections) {
		this.bootConnections = bootConnections;
	}

	/**
	 * Validate the properties.
	 * @param properties the bound properties
	 * @param problems where problems and keys without effect are reported
	 */
	void validate(KafkaEventsProperties properties, ConfigurationProblems problems) {
		properties.getKafkaConsumingEventPublisher()
			.forEach((name, instance) -> validateConsuming(CONSUMING_PATH + "." + name, instance, problems));
		properties.getKafkaPublishingEventConsumer()
			.forEach((name, instance) -> validatePublishing(PUBLISHING_PATH + "." + name, instance, problems));
		echoes(properties).forEach((echo) -> problems.problem(echo.property(), echo.description(), echo.action()));
		validatePayloadTypes(properties, problems);
	}

	private void validateConsuming(String path, Consuming instance, ConfigurationProblems problems) {
		validateConnection(path, instance, this.bootConnections.consumer() != null, problems);
		ClientPropertyValues.validate(path + ".properties", instance.getProperties(), ConsumerConfig.configDef(),
				problems);
		problems.noEffect(path + ".retry.retries", instance.getRetry().getRetries());
		List<ConsumingTopic> topics = problems.required(path + ".topics", instance.getTopics(),
				"the list of topic mappings");
		for (int i = 0; topics != null && i < topics.size(); i++) {
			validateConsumingTopic(path + ".topics[" + i + "]", topics.get(i), problems);
		}
	}

	private void validateConsumingTopic(String path, ConsumingTopic topic, ConfigurationProblems problems) {
		ConsumerKafka kafka = topic.getKafka();
		String kafkaPath = path + ".kafka";
		problems.requiredText(path + ".topic", topic.getTopic(), "the events topic to publish to");
		problems.requiredTexts(kafkaPath + ".topics", kafka.getTopics(), "the Kafka topics to consume");
		List<String> kafkaTopics = orEmpty(kafka.getTopics());
		for (int i = 0; i < kafkaTopics.size(); i++) {
			validateTopicName(kafkaPath + ".topics[" + i + "]", kafkaTopics.get(i), problems);
		}
		validateTopicName(path + ".deadLetterTopic", DeadLetterTopicSetting.named(topic), problems);
		problems.requiredText(kafkaPath + ".groupId", kafka.getGroupId(), "the consumer group id");
		validateHeartbeat(kafkaPath, kafka, problems);
		if (kafka.getConcurrency() < 1) {
			problems.problem(kafkaPath + ".concurrency",
					"concurrency must be at least 1, was " + kafka.getConcurrency() + ".",
					"Set " + kafkaPath + ".concurrency to 1 or more.");
		}
		intMillis(kafkaPath + ".sessionTimeout", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, kafka.getSessionTimeout(),
				problems);
		intMillis(kafkaPath + ".rebalanceTimeout", ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
				kafka.getRebalanceTimeout(), problems);
		intMillis(kafkaPath + ".heartbeatInterval", ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
				kafka.getHeartbeatInterval(), problems);
		intMillis(kafkaPath + ".maxWaitTime", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, kafka.getMaxWaitTime(),
				problems);
		intBytes(kafkaPath + ".maxBytesPerPartition", ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
				kafka.getMaxBytesPerPartition(), problems);
		intBytes(kafkaPath + ".minBytes", ConsumerConfig.FETCH_MIN_BYTES_CONFIG, kafka.getMinBytes(), problems);
		intBytes(kafkaPath + ".maxBytes", ConsumerConfig.FETCH_MAX_BYTES_CONFIG, kafka.getMaxBytes(), problems);
		validateDeadLetterTopic(path, topic, problems);
		validateRetryTopics(path, topic, problems);
		ShareGroupSettings.validate(path, topic, problems);
		ClientPropertyValues.validate(kafkaPath + ".properties", kafka.getProperties(), ConsumerConfig.configDef(),
				problems);
	}

	private static void validateHeartbeat(String path, ConsumerKafka kafka, ConfigurationProblems problems) {
		Duration session = (kafka.getSessionTimeout() != null) ? kafka.getSessionTimeout() : DEFAULT_SESSION_TIMEOUT;
		Duration heartbeat = (kafka.getHeartbeatInterval() != null) ? kafka.getHeartbeatInterval()
				: DEFAULT_HEARTBEAT_INTERVAL;
		if (heartbeat.compareTo(session) >= 0) {
			problems.problem(path + ".heartbeatInterval",
					"heartbeatInterval (" + heartbeat.toMillis() + " ms) must be below sessionTimeout ("
							+ session.toMillis() + " ms).",
					"Set " + path + ".heartbeatInterval below " + path + ".sessionTimeout, typically a third of it.");
		}
	}

	private static void validateRetryTopics(String path, ConsumingTopic topic, ConfigurationProblems problems) {
		if (topic.getRetry().getMode() != RetryMode.TOPICS) {
			return;
		}
		if (DeadLetterTopicSetting.named(topic) == null && !DeadLetterTopicSetting.isDefault(topic)) {
			problems.problem(path + ".retry.mode",
					"retry topics need a dead-letter topic for the records still failing after their last attempt.",
					"Set " + path + ".deadLetterTopic to true or to a topic name, or " + path
							+ ".retry.mode to blocking.");
		}
		if (topic.getRetry().getAttempts() < 2) {
			problems.problem(path + ".retry.mode", "retry topics need retry.attempts of 2 or more.",
					"Set " + path + ".retry.attempts to 2 or more.");
		}
	}

	private static void validateDeadLetterTopic(String path, ConsumingTopic topic, ConfigurationProblems problems) {
		String deadLetterTopic = DeadLetterTopicSetting.named(topic);
		List<String> kafkaTopics = orEmpty(topic.getKafka().getTopics());
		if (deadLetterTopic != null && kafkaTopics.contains(deadLetterTopic)) {
			problems.problem(path + ".deadLetterTopic",
					"the dead-letter topic '" + deadLetterTopic + "' is also consumed by this mapping, so a failed "
							+ "record would come back to the handlers that failed it.",
					"Set " + path + ".deadLetterTopic to a topic that " + path + ".kafka.topics does not list.");
		}
	}

	private void validatePublishing(String path, Publishing instance, ConfigurationProblems problems) {
		validateConnection(path, instance, this.bootConnections.producer() != null, problems);
		ClientPropertyValues.validate(path + ".properties", instance.getProperties(), ProducerConfig.configDef(),
				problems);
		List<PublishingTopic> topics = problems.required(path + ".topics", instance.getTopics(),
				"the list of topic mappings");
		for (int i = 0; topics != null && i < topics.size(); i++) {
			validatePublishingTopic(path + ".topics[" + i + "]", topics.get(i), problems);
		}
	}

	private static void validatePublishingTopic(String path, PublishingTopic topic, ConfigurationProblems problems) {
		ProducerKafka kafka = topic.getKafka();
		String kafkaPath = path + ".kafka";
		problems.requiredText(path + ".topic", topic.getTopic(), "the events topic to subscribe to");
		problems.requiredText(kafkaPath + ".topic", kafka.getTopic(), "the Kafka topic to send to");
		validateTopicName(kafkaPath + ".topic", kafka.getTopic(), problems);
		problems.noEffect(kafkaPath + ".allowAutoTopicCreation", kafka.getAllowAutoTopicCreation());
		problems.noEffect(kafkaPath + ".retry.factor", kafka.getRetry().getFactor());
		problems.noEffect(kafkaPath + ".retry.multiplier", kafka.getRetry().getMultiplier());
		intMillis(kafkaPath + ".transactionTimeout", ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
				kafka.getTransactionTimeout(), problems);
		ClientPropertyValues.validate(kafkaPath + ".properties", kafka.getProperties(), ProducerConfig.configDef(),
				problems);
	}

	private static void validateConnection(String path, Connection connection, boolean bootConnection,
			ConfigurationProblems problems) {
		problems.requiredText(path + ".clientId", connection.getClientId(), "the Kafka client id");
		List<String> brokers = bootConnection ? connection.getBrokers()
				: problems.required(path + ".brokers", connection.getBrokers(),
						"the bootstrap brokers as host:port, or set " + BOOT_BROKERS
								+ " to use Spring Boot's Kafka connection for every instance without brokers");
		if (brokers != null) {
			problems.validateTexts(path + ".brokers", brokers, "the bootstrap brokers as host:port");
			BrokerAddresses.validate(path + ".brokers", brokers, problems);
		}
		intMillis(path + ".requestTimeout", CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
				connection.getRequestTimeout(), problems);
		problems.noEffect(path + ".authenticationTimeout", connection.getAuthenticationTimeout());
		problems.noEffect(path + ".enforceRequestTimeout", connection.getEnforceRequestTimeout());
		problems.noEffect(path + ".retry.factor", connection.getRetry().getFactor());
		problems.noEffect(path + ".retry.multiplier", connection.getRetry().getMultiplier());
	}

	private static void validateTopicName(String path, @Nullable String topic, ConfigurationProblems problems) {
		if (topic != null && !topic.isBlank() && !LEGAL_TOPIC.matcher(topic).matches()) {
			problems.problem(path, "'" + topic + "' is not a legal Kafka topic name.", "Set " + path + " to at most "
					+ MAX_TOPIC_LENGTH + " ASCII letters, digits, '.', '_' or '-' " + "(not '.' or '..' alone).");
		}
	}

	private static void intMillis(String path, String key, @Nullable Duration duration,
			ConfigurationProblems problems) {
		if (duration != null) {
			intRange(path, key, duration.toMillis(), "ms", problems);
		}
	}

	private static void intBytes(String path, String key, @Nullable DataSize size, ConfigurationProblems problems) {
		if (size != null) {
			intRange(path, key, size.toBytes(), "bytes", problems);
		}
	}

	private static void intRange(String path, String key, long value, String unit, ConfigurationProblems problems) {
		if (value < 0 || value > Integer.MAX_VALUE) {
			problems.problem(path, "The value (" + value + " " + unit + ") is out of the range of " + key + ".",
					"Set " + path + " to between 0 and " + Integer.MAX_VALUE + " " + unit + ".");
		}
	}

	/**
	 * Return a problem per publishing mapping that would send the events of its events
	 * topic to a Kafka topic that a consuming mapping of the same cluster (same bootstrap
	 * brokers, compared as sets) consumes and publishes into that same events topic: a
	 * loop without end.
	 * @param properties the bound properties
	 * @return the problems, empty when there is no echo
	 */
	List<InvalidKafkaEventsConfigurationException.Problem> echoes(KafkaEventsProperties properties) {
		List<Consumed> consumed = consumed(properties.getKafkaConsumingEventPublisher(),
				this.bootConnections.consumer());
		List<InvalidKafkaEventsConfigurationException.Problem> problems = new ArrayList<>();
		properties.getKafkaPublishingEventConsumer().forEach((name, instance) -> {
			String cluster = cluster(instance, this.bootConnections.producer());
			List<PublishingTopic> topics = orEmpty(instance.getTopics());
			for (int i = 0; i < topics.size(); i++) {
				String path = PUBLISHING_PATH + "." + name + ".topics[" + i + "]";
				PublishingTopic topic = topics.get(i);
				consumed.stream()
					.filter((candidate) -> candidate.isEchoedBy(cluster, topic))
					.forEach((echoed) -> problems.add(echo(path, topic, echoed)));
			}
		});
		return problems;
	}

	private static List<Consumed> consumed(Map<String, Consuming> instances, @Nullable BootKafkaConnection boot) {
		List<Consumed> consumed = new ArrayList<>();
		instances.forEach((name, instance) -> {
			String cluster = cluster(instance, boot);
			List<ConsumingTopic> topics = orEmpty(instance.getTopics());
			for (int i = 0; i < topics.size(); i++) {
				String path = CONSUMING_PATH + "." + name + ".topics[" + i + "]";
				List<String> kafkaTopics = orEmpty(topics.get(i).getKafka().getTopics());
				for (int k = 0; k < kafkaTopics.size(); k++) {
					consumed.add(new Consumed(path, k, cluster, kafkaTopics.get(k), topics.get(i).getTopic()));
				}
			}
		});
		return consumed;
	}

	private static InvalidKafkaEventsConfigurationException.Problem echo(String path, PublishingTopic topic,
			Consumed echoed) {
		return new InvalidKafkaEventsConfigurationException.Problem(path + ".kafka.topic",
				"Events of events topic '" + topic.getTopic() + "' would be sent to Kafka topic '" + echoed.kafkaTopic()
						+ "', which " + echoed.path() + ".kafka.topics[" + echoed.index()
						+ "] consumes on the same cluster (" + echoed.cluster()
						+ ") and publishes into the same events topic (" + echoed.path()
						+ ".topic): every event would loop.",
				"Send " + path + ".kafka.topic to another Kafka topic, or have " + echoed.path()
						+ " publish into another events topic.");
	}

	/**
	 * Report each publishing mapping whose {@code payloadType} is, or is assignable to or
	 * from, the payload type of an earlier mapping with another events topic: an object
	 * of that type would have two events topics.
	 * @param properties the bound properties
	 * @param problems where problems are reported
	 */
	private static void validatePayloadTypes(KafkaEventsProperties properties, ConfigurationProblems problems) {
		List<Carried> carried = new ArrayList<>();
		properties.getKafkaPublishingEventConsumer().forEach((name, instance) -> {
			List<PublishingTopic> topics = orEmpty(instance.getTopics());
			for (int i = 0; i < topics.size(); i++) {
				Carried candidate = new Carried(PUBLISHING_PATH + "." + name + ".topics[" + i + "].payloadType",
						topics.get(i).getPayloadType(), topics.get(i).getTopic());
				if (candidate.type() != null && candidate.eventsTopic() != null) {
					carried.stream()
						.filter(candidate::conflictsWith)
						.forEach((earlier) -> problems.problem(candidate.path(), candidate.conflict(earlier),
								"Map " + candidate.type().getName() + " to one events topic: change " + candidate.path()
										+ " or " + earlier.path() + " so that neither type is assignable to the other, "
										+ "or give both mappings the same topic."));
					carried.add(candidate);
				}
			}
		});
	}

	private static String cluster(Connection instance, @Nullable BootKafkaConnection boot) {
		List<String> brokers = instance.getBrokers();
		return KafkaEventOrigin
			.cluster((brokers == null && boot != null) ? boot.brokers() : BrokerAddresses.normalize(orEmpty(brokers)));
	}

	private static <T> List<T> orEmpty(@Nullable List<T> values) {
		return (values != null) ? values : List.of();
	}

	/**
	 * The payload type a publishing mapping carries to its events topic.
	 *
	 * @param path property path of the mapping's {@code payloadType}
	 * @param type the payload type
	 * @param eventsTopic the events topic of the mapping
	 */
	private record Carried(String path, @Nullable Class<?> type, @Nullable String eventsTopic) {

		boolean conflictsWith(Carried earlier) {
			return this.type != null && earlier.type != null && this.eventsTopic != null
					&& !this.eventsTopic.equals(earlier.eventsTopic)
					&& (earlier.type.isAssignableFrom(this.type) || this.type.isAssignableFrom(earlier.type));
		}

		String conflict(Carried earlier) {
			Class<?> both = earlier.type.isAssignableFrom(this.type) ? this.type : earlier.type;
			return "An object of type " + both.getName() + " would go to events topic '" + this.eventsTopic
					+ "' through this payloadType (" + this.type.getName() + ") and to events topic '"
					+ earlier.eventsTopic + "' through " + earlier.path + " (" + earlier.type.getName() + ").";
		}

	}

	/**
	 * A Kafka topic consumed into an events topic.
	 *
	 * @param path property path of the consuming mapping
	 * @param index index of the Kafka topic in the mapping's {@code kafka.topics}
	 * @param cluster cluster of the consuming instance
	 * @param kafkaTopic the Kafka topic
	 * @param eventsTopic the events topic its records are published to
	 */
	private record Consumed(String path, int index, String cluster, String kafkaTopic, @Nullable String eventsTopic) {

		boolean isEchoedBy(String cluster, PublishingTopic topic) {
			return !cluster.isEmpty() && this.cluster.equals(cluster)
					&& this.kafkaTopic.equals(topic.getKafka().getTopic()) && this.eventsTopic != null
					&& this.eventsTopic.equals(topic.getTopic());
		}

	}

}
