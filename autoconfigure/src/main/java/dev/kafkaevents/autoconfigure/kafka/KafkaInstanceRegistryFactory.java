package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Connection;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ProducerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.PublishingTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Retry;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Validates {@link KafkaEventsProperties} and resolves them into a
 * {@link KafkaInstanceRegistry}: each mapping's Kafka client properties are the settings
 * derived from Backstage's keys, then the instance's {@code properties}, then the
 * mapping's {@code properties}.
 *
 * @author kafka-events
 */
class KafkaInstanceRegistryFactory {

	static final String ROOT_PATH = "events.modules.kafka";

	static final String CONSUMING_PATH = ROOT_PATH + ".kafkaConsumingEventPublisher";

	static final String PUBLISHING_PATH = ROOT_PATH + ".kafkaPublishingEventConsumer";

	private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

	private static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

	private static final Duration MAX_CONNECTION_SETUP_TIMEOUT = Duration.ofSeconds(30);

	private static final String BOOT_BROKERS = "spring.kafka.bootstrap-servers";

	/**
	 * The producers' {@code batch.size}: with {@code linger.ms=0}, large enough that
	 * events published without waiting travel in few produce requests (the client's 16
	 * KiB default holds about fifteen 1 KiB events).
	 */
	private static final int DEFAULT_BATCH_SIZE = 128 * 1024;

	private static final Log logger = LogFactory.getLog(KafkaInstanceRegistryFactory.class);

	private final ConnectionSecurity security;

	private final BootKafkaConnections bootConnections;

	KafkaInstanceRegistryFactory(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		this(resourceLoader, sslBundles, BootKafkaConnections.NONE);
	}

	KafkaInstanceRegistryFactory(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			BootKafkaConnections bootConnections) {
		Assert.notNull(bootConnections, "'bootConnections' must not be null");
		this.security = new ConnectionSecurity(resourceLoader, sslBundles);
		this.bootConnections = bootConnections;
	}

	/**
	 * Validate the properties and resolve them.
	 * @param properties the bound properties
	 * @return the registry
	 * @throws InvalidKafkaEventsConfigurationException listing every problem found
	 */
	KafkaInstanceRegistry create(KafkaEventsProperties properties) {
		Resolution resolution = new Resolution();
		List<ConsumingMapping> consuming = new ArrayList<>();
		properties.getKafkaConsumingEventPublisher()
			.forEach((name, instance) -> consuming.addAll(resolution.consuming(name, instance)));
		Map<String, Map<String, Object>> publishingInstances = new LinkedHashMap<>();
		List<PublishingMapping> publishing = new ArrayList<>();
		properties.getKafkaPublishingEventConsumer().forEach((name, instance) -> {
			Map<String, Object> connection = resolution.connection(PUBLISHING_PATH + "." + name, instance,
					this.bootConnections.producer());
			publishingInstances.put(name, resolution.producerProperties(connection, instance));
			publishing.addAll(resolution.publishing(name, instance, connection));
		});
		resolution.problems.addAll(PublishingEchoValidator.validate(properties, this.bootConnections));
		resolution.throwIfInvalid();
		resolution.logKeysWithoutEffect();
		resolution.warnOfUnverifiedServers();
		return new KafkaInstanceRegistry(consuming, publishingInstances, publishing);
	}

	/**
	 * State of one resolution: the problems and keys without effect found so far.
	 */
	private final class Resolution implements ConnectionSecurity.Problems {

		private final List<Problem> problems = new ArrayList<>();

		private final Map<String, String> unverifiedServers = new LinkedHashMap<>();

		private final Set<String> keysWithoutEffect = new LinkedHashSet<>();

		private final Set<String> mappingIds = new HashSet<>();

		List<ConsumingMapping> consuming(String name, Consuming instance) {
			String path = CONSUMING_PATH + "." + name;
			Map<String, Object> connection = connection(path, instance,
					KafkaInstanceRegistryFactory.this.bootConnections.consumer());
			noEffect(path + ".retry.retries", instance.getRetry().getRetries());
			List<ConsumingMapping> mappings = new ArrayList<>();
			List<ConsumingTopic> topics = required(path + ".topics", instance.getTopics(),
					"the list of topic mappings");
			for (int i = 0; topics != null && i < topics.size(); i++) {
				mappings.add(consumingMapping(path + ".topics[" + i + "]", name, instance, connection, topics.get(i)));
			}
			return mappings;
		}

		private ConsumingMapping consumingMapping(String path, String name, Consuming instance,
				Map<String, Object> connection, ConsumingTopic topic) {
			ConsumerKafka kafka = topic.getKafka();
			String eventsTopic = requiredText(path + ".topic", topic.getTopic(), "the events topic to publish to");
			List<String> kafkaTopics = requiredTexts(path + ".kafka.topics", kafka.getTopics(),
					"the Kafka topics to consume");
			String groupId = requiredText(path + ".kafka.groupId", kafka.getGroupId(), "the consumer group id");
			validateConsumer(path + ".kafka", kafka);
			Map<String, Object> consumerProperties = new LinkedHashMap<>(connection);
			consumerProperties.putAll(consumerSettings(path + ".kafka", kafka, groupId));
			consumerProperties.putAll(instance.getProperties());
			consumerProperties.putAll(kafka.getProperties());
			return new ConsumingMapping(mappingId(name, eventsTopic), name, orEmpty(instance.getClientId()),
					brokers(instance, KafkaInstanceRegistryFactory.this.bootConnections.consumer()), eventsTopic,
					kafkaTopics, groupId, kafka.getFromBeginning(), kafka.isAutoCommit(), kafka.isPauseOnError(),
					kafka.getConcurrency(), handlerRetry(path + ".retry", topic.getRetry()),
					deadLetterTopic(path, topic, kafkaTopics), consumerProperties);
		}

		private @Nullable String deadLetterTopic(String path, ConsumingTopic topic, List<String> kafkaTopics) {
			String deadLetterTopic = topic.getDeadLetterTopic();
			if (deadLetterTopic != null && kafkaTopics.contains(deadLetterTopic)) {
				problem(path + ".deadLetterTopic",
						"the dead-letter topic '" + deadLetterTopic + "' is also consumed by this mapping, so a failed "
								+ "record would come back to the handlers that failed it.",
						"Set " + path + ".deadLetterTopic to a topic that " + path + ".kafka.topics does not list.");
				return null;
			}
			return deadLetterTopic;
		}

		private HandlerRetry handlerRetry(String path, KafkaEventsProperties.HandlerRetry retry) {
			if (retry.getAttempts() < 1) {
				problem(path + ".attempts", "attempts must be at least 1, was " + retry.getAttempts() + ".",
						"Set " + path + ".attempts to 1 (no retry) or more.");
				return HandlerRetry.NONE;
			}
			if (retry.getMultiplier() < 1) {
				problem(path + ".multiplier", "multiplier must be at least 1, was " + retry.getMultiplier() + ".",
						"Set " + path + ".multiplier to 1 (constant back-off) or more.");
				return HandlerRetry.NONE;
			}
			List<Class<? extends Exception>> notRetryable = retry.getNotRetryable();
			for (int i = 0; i < notRetryable.size(); i++) {
				if (!Exception.class.isAssignableFrom(notRetryable.get(i))) {
					problem(path + ".notRetryable[" + i + "]",
							notRetryable.get(i).getName() + " is not an exception class.",
							"Set " + path + ".notRetryable[" + i + "] to the name of an Exception subclass.");
				}
			}
			return new HandlerRetry(retry.getAttempts(), retry.getInitialInterval(), retry.getMultiplier(),
					retry.getMaxInterval(), notRetryable);
		}

		List<PublishingMapping> publishing(String name, Publishing instance, Map<String, Object> connection) {
			String path = PUBLISHING_PATH + "." + name;
			List<PublishingMapping> mappings = new ArrayList<>();
			List<PublishingTopic> topics = required(path + ".topics", instance.getTopics(),
					"the list of topic mappings");
			for (int i = 0; topics != null && i < topics.size(); i++) {
				mappings.add(publishingMapping(path + ".topics[" + i + "]", name, instance, connection, topics.get(i)));
			}
			return mappings;
		}

		Map<String, Object> producerProperties(Map<String, Object> connection, Publishing instance) {
			Map<String, Object> producerProperties = new LinkedHashMap<>(connection);
			producerProperties.putAll(producerSettings(instance.getRetry(), new Retry()));
			producerProperties.putAll(instance.getProperties());
			return producerProperties;
		}

		private PublishingMapping publishingMapping(String path, String name, Publishing instance,
				Map<String, Object> connection, PublishingTopic topic) {
			ProducerKafka kafka = topic.getKafka();
			String eventsTopic = requiredText(path + ".topic", topic.getTopic(), "the events topic to subscribe to");
			String kafkaTopic = requiredText(path + ".kafka.topic", kafka.getTopic(), "the Kafka topic to send to");
			noEffect(path + ".kafka.allowAutoTopicCreation", kafka.getAllowAutoTopicCreation());
			noEffect(path + ".kafka.retry.factor", kafka.getRetry().getFactor());
			noEffect(path + ".kafka.retry.multiplier", kafka.getRetry().getMultiplier());
			Map<String, Object> producerProperties = new LinkedHashMap<>(connection);
			producerProperties.putAll(producerSettings(instance.getRetry(), kafka.getRetry()));
			producerProperties.putAll(producerSettings(path + ".kafka", kafka));
			producerProperties.putAll(instance.getProperties());
			producerProperties.putAll(kafka.getProperties());
			return new PublishingMapping(mappingId(name, eventsTopic), name, orEmpty(instance.getClientId()),
					brokers(instance, KafkaInstanceRegistryFactory.this.bootConnections.producer()), eventsTopic,
					kafkaTopic, kafka.getKey(), headerForwarding(topic.getHeaders()), producerProperties);
		}

		private String mappingId(String instance, String eventsTopic) {
			String id = instance + "." + eventsTopic;
			for (int suffix = 2; !this.mappingIds.add(id); suffix++) {
				id = instance + "." + eventsTopic + "." + suffix;
			}
			return id;
		}

		Map<String, Object> connection(String path, Connection connection, @Nullable BootKafkaConnection boot) {
			BootKafkaConnection bootConnection = (connection.getBrokers() != null) ? null : boot;
			validateConnection(path, connection, bootConnection != null);
			if (Boolean.FALSE.equals(connection.getSsl().getRejectUnauthorized())
					&& connection.getSsl().isEffectivelyEnabled()) {
				this.unverifiedServers.put(path, path.substring(path.indexOf('.', ROOT_PATH.length() + 1) + 1));
			}
			Map<String, Object> properties = connectionProperties(path, connection);
			if (bootConnection != null) {
				useBootConnection(path, properties, bootConnection);
			}
			return properties;
		}

		private void useBootConnection(String path, Map<String, Object> properties, BootKafkaConnection boot) {
			properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", boot.brokers()));
			if (!properties.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
				properties.putAll(boot.securityProperties());
			}
			logger.info("Kafka events instance " + path + " sets no brokers: using Spring Boot's Kafka connection "
					+ boot.brokers() + " from " + boot.source());
		}

		private void validateConnection(String path, Connection connection, boolean bootConnection) {
			requiredText(path + ".clientId", connection.getClientId(), "the Kafka client id");
			List<String> brokers = bootConnection ? connection.getBrokers()
					: required(path + ".brokers", connection.getBrokers(),
							"the bootstrap brokers as host:port, or set " + BOOT_BROKERS
									+ " to use Spring Boot's Kafka connection for every instance without brokers");
			if (brokers != null) {
				validateTexts(path + ".brokers", brokers, "the bootstrap brokers as host:port");
			}
			noEffect(path + ".authenticationTimeout", connection.getAuthenticationTimeout());
			noEffect(path + ".enforceRequestTimeout", connection.getEnforceRequestTimeout());
			noEffect(path + ".retry.factor", connection.getRetry().getFactor());
			noEffect(path + ".retry.multiplier", connection.getRetry().getMultiplier());
		}

		private void validateConsumer(String path, ConsumerKafka kafka) {
			Duration session = (kafka.getSessionTimeout() != null) ? kafka.getSessionTimeout()
					: DEFAULT_SESSION_TIMEOUT;
			Duration heartbeat = (kafka.getHeartbeatInterval() != null) ? kafka.getHeartbeatInterval()
					: DEFAULT_HEARTBEAT_INTERVAL;
			if (heartbeat.compareTo(session) >= 0) {
				problem(path + ".heartbeatInterval",
						"heartbeatInterval (" + heartbeat.toMillis() + " ms) must be below sessionTimeout ("
								+ session.toMillis() + " ms).",
						"Set " + path + ".heartbeatInterval below " + path
								+ ".sessionTimeout, typically a third of it.");
			}
			if (kafka.getConcurrency() < 1) {
				problem(path + ".concurrency", "concurrency must be at least 1, was " + kafka.getConcurrency() + ".",
						"Set " + path + ".concurrency to 1 or more.");
			}
		}

		private Map<String, Object> connectionProperties(String path, Connection connection) {
			Map<String, Object> properties = new LinkedHashMap<>();
			PropertyMapper map = PropertyMapper.get();
			map.from(connection.getBrokers())
				.as((brokers) -> String.join(",", brokers))
				.to((brokers) -> properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers));
			map.from(connection.getClientId())
				.to((clientId) -> properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId));
			map.from(connection.getConnectionTimeout()).to((timeout) -> connectionSetupTimeout(properties, timeout));
			putMillis(properties, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, path + ".requestTimeout",
					connection.getRequestTimeout());
			map.from(connection.getRetry().getInitialRetryTime()).as(Duration::toMillis).to((backoff) -> {
				properties.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, backoff);
				properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, backoff);
			});
			map.from(connection.getRetry().getMaxRetryTime()).as(Duration::toMillis).to((backoff) -> {
				properties.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, backoff);
				properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, backoff);
			});
			properties.putAll(KafkaInstanceRegistryFactory.this.security.properties(path, connection.getSsl(),
					connection.getSasl(), this));
			return properties;
		}

		private void connectionSetupTimeout(Map<String, Object> properties, Duration timeout) {
			properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeout.toMillis());
			if (timeout.compareTo(MAX_CONNECTION_SETUP_TIMEOUT) > 0) {
				properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout.toMillis());
			}
		}

		private Map<String, Object> consumerSettings(String path, ConsumerKafka kafka, String groupId) {
			Map<String, Object> properties = new LinkedHashMap<>();
			PropertyMapper map = PropertyMapper.get();
			properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
			properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
			properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
			properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			map.from(kafka.getFromBeginning())
				.as((fromBeginning) -> fromBeginning ? "earliest" : "latest")
				.to((reset) -> properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset));
			putMillis(properties, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, path + ".sessionTimeout",
					kafka.getSessionTimeout());
			putMillis(properties, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, path + ".rebalanceTimeout",
					kafka.getRebalanceTimeout());
			putMillis(properties, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, path + ".heartbeatInterval",
					kafka.getHeartbeatInterval());
			map.from(kafka.getMetadataMaxAge())
				.as(Duration::toMillis)
				.to((maxAge) -> properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, maxAge));
			putMillis(properties, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, path + ".maxWaitTime",
					kafka.getMaxWaitTime());
			putBytes(properties, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, path + ".maxBytesPerPartition",
					kafka.getMaxBytesPerPartition());
			putBytes(properties, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, path + ".minBytes", kafka.getMinBytes());
			putBytes(properties, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, path + ".maxBytes", kafka.getMaxBytes());
			return properties;
		}

		private Map<String, Object> producerSettings(Retry instanceRetry, Retry mappingRetry) {
			Map<String, Object> properties = new LinkedHashMap<>();
			PropertyMapper map = PropertyMapper.get();
			properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			properties.put(ProducerConfig.ACKS_CONFIG, "all");
			properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
			properties.put(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
			map.from(mappingRetry.getRetries())
				.orFrom(instanceRetry::getRetries)
				.to((retries) -> properties.put(ProducerConfig.RETRIES_CONFIG, retries));
			map.from(mappingRetry.getInitialRetryTime())
				.orFrom(instanceRetry::getInitialRetryTime)
				.as(Duration::toMillis)
				.to((backoff) -> properties.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, backoff));
			map.from(mappingRetry.getMaxRetryTime())
				.orFrom(instanceRetry::getMaxRetryTime)
				.as(Duration::toMillis)
				.to((backoff) -> properties.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, backoff));
			return properties;
		}

		private Map<String, Object> producerSettings(String path, ProducerKafka kafka) {
			Map<String, Object> properties = new LinkedHashMap<>();
			PropertyMapper map = PropertyMapper.get();
			map.from(kafka.getMetadataMaxAge())
				.as(Duration::toMillis)
				.to((maxAge) -> properties.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, maxAge));
			putMillis(properties, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, path + ".transactionTimeout",
					kafka.getTransactionTimeout());
			map.from(kafka.getIdempotent())
				.to((idempotent) -> properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent));
			map.from(kafka.getMaxInFlightRequests())
				.to((max) -> properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, max));
			return properties;
		}

		private HeaderForwarding headerForwarding(KafkaEventsProperties.Headers headers) {
			List<String> whitelist = (headers.getWhitelist() != null) ? headers.getWhitelist() : List.of();
			List<String> blacklist = (headers.getBlacklist() != null) ? headers.getBlacklist()
					: HeaderForwarding.DEFAULT_BLACKLIST;
			return new HeaderForwarding(headers.isForward(), whitelist, blacklist);
		}

		private <T> @Nullable T required(String path, @Nullable T value, String what) {
			if (value == null) {
				problem(path, "Missing required config value.", "Set " + path + " to " + what + ".");
			}
			return value;
		}

		private String requiredText(String path, @Nullable String value, String what) {
			if (!StringUtils.hasText(value)) {
				problem(path, (value == null) ? "Missing required config value." : "The value must not be empty.",
						"Set " + path + " to " + what + ".");
				return "";
			}
			return value;
		}

		private List<String> requiredTexts(String path, @Nullable List<String> values, String what) {
			if (values == null || values.isEmpty()) {
				problem(path, (values == null) ? "Missing required config value." : "The list must not be empty.",
						"Set " + path + " to " + what + ".");
				return List.of();
			}
			validateTexts(path, values, what);
			return values;
		}

		private void validateTexts(String path, List<String> values, String what) {
			if (values.isEmpty()) {
				problem(path, "The list must not be empty.", "Set " + path + " to " + what + ".");
			}
			for (int i = 0; i < values.size(); i++) {
				requiredText(path + "[" + i + "]", values.get(i), what);
			}
		}

		private void putMillis(Map<String, Object> properties, String key, String path, @Nullable Duration duration) {
			PropertyMapper.get()
				.from(duration)
				.as(Duration::toMillis)
				.to((millis) -> putInt(properties, key, path, millis, "ms"));
		}

		private void putBytes(Map<String, Object> properties, String key, String path, @Nullable DataSize size) {
			PropertyMapper.get()
				.from(size)
				.as(DataSize::toBytes)
				.to((bytes) -> putInt(properties, key, path, bytes, "bytes"));
		}

		private void putInt(Map<String, Object> properties, String key, String path, long value, String unit) {
			if (value < 0 || value > Integer.MAX_VALUE) {
				problem(path, "The value (" + value + " " + unit + ") is out of the range of " + key + ".",
						"Set " + path + " to between 0 and " + Integer.MAX_VALUE + " " + unit + ".");
				return;
			}
			properties.put(key, (int) value);
		}

		@Override
		public void noEffect(String path, @Nullable Object value) {
			if (value != null) {
				this.keysWithoutEffect.add(path);
			}
		}

		@Override
		public void problem(String path, String description, String action) {
			this.problems.add(new Problem(path, description, action));
		}

		void throwIfInvalid() {
			if (!this.problems.isEmpty()) {
				throw new InvalidKafkaEventsConfigurationException(this.problems);
			}
		}

		void logKeysWithoutEffect() {
			if (!this.keysWithoutEffect.isEmpty() && logger.isInfoEnabled()) {
				logger.info("These keys are accepted for Backstage compatibility but have no effect with the Java "
						+ "Kafka client: " + String.join(", ", this.keysWithoutEffect));
			}
		}

		void warnOfUnverifiedServers() {
			this.unverifiedServers.forEach((path, instance) -> {
				logger.warn("Kafka events instance '" + instance
						+ "' does not verify its brokers' certificates or host names (" + path
						+ ".ssl.rejectUnauthorized is false): anyone who can intercept its connections can "
						+ "impersonate the brokers. Set ssl.ca to trust a private CA instead.");
			});
		}

	}

	private static List<String> brokers(Connection connection, @Nullable BootKafkaConnection boot) {
		if (connection.getBrokers() != null || boot == null) {
			return orEmpty(connection.getBrokers());
		}
		return boot.brokers();
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

}
