package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Connection;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ProducerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.PublishingTopic;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.RecordFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;

/**
 * Resolves validated {@link KafkaEventsProperties} into a {@link KafkaInstanceRegistry}.
 * Each mapping's Kafka client properties are the settings derived from Backstage's keys
 * ({@link KafkaClientPropertiesMapper}), then the instance's {@code properties}, then the
 * mapping's {@code properties}. An instance that sets no {@code brokers} uses Spring
 * Boot's Kafka connection. Mapping ids are {@code <instance>.<events topic>}, with a
 * {@code .2}, {@code .3}... suffix for repeated events topics.
 *
 * @author kafka-events
 */
class KafkaInstanceRegistryFactory {

	static final String CONSUMING_PATH = KafkaEventsPropertiesValidator.CONSUMING_PATH;

	static final String PUBLISHING_PATH = KafkaEventsPropertiesValidator.PUBLISHING_PATH;

	private static final Log logger = LogFactory.getLog(KafkaInstanceRegistryFactory.class);

	private final KafkaClientPropertiesMapper mapper;

	private final KafkaEventsPropertiesValidator validator;

	private final BootKafkaConnections bootConnections;

	private final RecordFormats formats;

	private final EventFilters filters;

	private final IdempotencySettings idempotencies;

	KafkaInstanceRegistryFactory(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		this(resourceLoader, sslBundles, BootKafkaConnections.NONE, null);
	}

	KafkaInstanceRegistryFactory(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
			BootKafkaConnections bootConnections, @Nullable BeanFactory beanFactory) {
		Assert.notNull(bootConnections, "'bootConnections' must not be null");
		this.mapper = new KafkaClientPropertiesMapper(resourceLoader, sslBundles);
		this.validator = new KafkaEventsPropertiesValidator(bootConnections);
		this.bootConnections = bootConnections;
		this.formats = new RecordFormats(resourceLoader);
		this.filters = new EventFilters(beanFactory);
		this.idempotencies = new IdempotencySettings(beanFactory);
	}

	/**
	 * Validate the properties and resolve them.
	 * @param properties the bound properties
	 * @return the registry
	 * @throws InvalidKafkaEventsConfigurationException listing every problem found
	 */
	KafkaInstanceRegistry create(KafkaEventsProperties properties) {
		ConfigurationProblems problems = new ConfigurationProblems();
		this.validator.validate(properties, problems);
		Set<String> names = new LinkedHashSet<>(properties.getKafkaConsumingEventPublisher().keySet());
		names.addAll(properties.getKafkaPublishingEventConsumer().keySet());
		Resolution resolution = new Resolution(this.mapper, this.bootConnections, this.formats, this.filters,
				this.idempotencies, problems);
		List<KafkaInstance> instances = new ArrayList<>();
		for (String name : names) {
			instances.add(resolution.instance(name, properties.getKafkaConsumingEventPublisher().get(name),
					properties.getKafkaPublishingEventConsumer().get(name)));
		}
		problems.throwIfAny();
		problems.logKeysWithoutEffect(logger);
		warnOfUnverifiedServers(properties);
		return new KafkaInstanceRegistry(instances);
	}

	private static void warnOfUnverifiedServers(KafkaEventsProperties properties) {
		properties.getKafkaConsumingEventPublisher()
			.forEach((name, instance) -> warnIfUnverified(CONSUMING_PATH, name, instance));
		properties.getKafkaPublishingEventConsumer()
			.forEach((name, instance) -> warnIfUnverified(PUBLISHING_PATH, name, instance));
	}

	private static void warnIfUnverified(String side, String name, Connection connection) {
		if (Boolean.FALSE.equals(connection.getSsl().getRejectUnauthorized())
				&& connection.getSsl().isEffectivelyEnabled()) {
			logger.warn("Kafka events instance '" + name + "' does not verify its brokers' certificates or host names ("
					+ side + "." + name + ".ssl.rejectUnauthorized is false): anyone who can intercept its "
					+ "connections can impersonate the brokers. Set ssl.ca to trust a private CA instead.");
		}
	}

	/**
	 * One resolution: its problems and the mapping ids allocated so far.
	 */
	private static final class Resolution {

		private final KafkaClientPropertiesMapper mapper;

		private final BootKafkaConnections bootConnections;

		private final RecordFormats formats;

		private final EventFilters filters;

		private final IdempotencySettings idempotencies;

		private final ConfigurationProblems problems;

		private final Set<String> mappingIds = new HashSet<>();

		Resolution(KafkaClientPropertiesMapper mapper, BootKafkaConnections bootConnections, RecordFormats formats,
				EventFilters filters, IdempotencySettings idempotencies, ConfigurationProblems problems) {
			this.mapper = mapper;
			this.bootConnections = bootConnections;
			this.formats = formats;
			this.filters = filters;
			this.idempotencies = idempotencies;
			this.problems = problems;
		}

		KafkaInstance instance(String name, @Nullable Consuming consuming, @Nullable Publishing publishing) {
			KafkaConnection consumingConnection = null;
			KafkaConnection publishingConnection = null;
			List<ConsumingMapping> consumingMappings = new ArrayList<>();
			List<PublishingMapping> publishingMappings = new ArrayList<>();
			if (consuming != null) {
				String path = CONSUMING_PATH + "." + name;
				Map<String, Object> connection = connection(path, consuming, this.bootConnections.consumer());
				consumingConnection = kafkaConnection(consuming, connection, consuming.getProperties());
				for (ConsumingTopic topic : orEmpty(consuming.getTopics())) {
					consumingMappings.add(consumingMapping(path, name, consuming, consumingConnection, connection,
							topic, consumingMappings.size()));
				}
			}
			if (publishing != null) {
				String path = PUBLISHING_PATH + "." + name;
				Map<String, Object> connection = connection(path, publishing, this.bootConnections.producer());
				Map<String, Object> instanceProperties = new LinkedHashMap<>(connection);
				instanceProperties
					.putAll(this.mapper.producer(publishing.getRetry(), new KafkaEventsProperties.Retry()));
				instanceProperties.putAll(this.mapper.producer(publishing));
				publishingConnection = kafkaConnection(publishing, instanceProperties, publishing.getProperties());
				for (PublishingTopic topic : orEmpty(publishing.getTopics())) {
					PublishingMapping mapping = publishingMapping(path + ".topics[" + publishingMappings.size() + "]",
							name, publishing, publishingConnection, connection, topic);
					warnIfNotAcksAll(path + ".topics[" + publishingMappings.size() + "]", mapping, topic);
					publishingMappings.add(mapping);
				}
			}
			return new KafkaInstance(name, consumingConnection, publishingConnection, consumingMappings,
					publishingMappings);
		}

		private KafkaConnection kafkaConnection(Connection connection, Map<String, Object> derived,
				Map<String, String> instanceProperties) {
			Map<String, Object> clientProperties = new LinkedHashMap<>(derived);
			clientProperties.putAll(instanceProperties);
			String brokers = String.valueOf(derived.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ""));
			return new KafkaConnection(orEmpty(connection.getClientId()),
					brokers.isEmpty() ? List.of() : List.of(brokers.split(",")), clientProperties);
		}

		private ConsumingMapping consumingMapping(String instancePath, String name, Consuming instance,
				KafkaConnection kafkaConnection, Map<String, Object> connection, ConsumingTopic topic, int index) {
			String path = instancePath + ".topics[" + index + "]";
			ConsumerKafka kafka = topic.getKafka();
			String eventsTopic = orEmpty(topic.getTopic());
			String groupId = orEmpty(kafka.getGroupId());
			Map<String, Object> consumerProperties = new LinkedHashMap<>(connection);
			consumerProperties.putAll(this.mapper.consumer(kafka, groupId));
			consumerProperties.putAll(instance.getProperties());
			consumerProperties.putAll(kafka.getProperties());
			RecordFormat format = this.formats.resolve(path + ".kafka", kafka, this.problems);
			return new ConsumingMapping(mappingId(name, eventsTopic), name, kafkaConnection.clientId(),
					kafkaConnection.brokers(), eventsTopic, orEmpty(kafka.getTopics()), groupId,
					kafka.getFromBeginning(), kafka.isAutoCommit(), kafka.isPauseOnError(), kafka.getConcurrency(),
					this.mapper.handlerRetry(path + ".retry", topic.getRetry(), this.problems), deadLetterTopic(topic),
					consumerProperties, format, this.filters.resolve(path, topic, format.key(), this.problems),
					DeadLetterTopicSetting.isDefault(topic), kafka.isShareGroup(),
					this.idempotencies.resolve(path, topic, format.key(), this.problems));
		}

		private PublishingMapping publishingMapping(String path, String name, Publishing instance,
				KafkaConnection kafkaConnection, Map<String, Object> connection, PublishingTopic topic) {
			ProducerKafka kafka = topic.getKafka();
			String eventsTopic = orEmpty(topic.getTopic());
			Map<String, Object> producerProperties = new LinkedHashMap<>(connection);
			producerProperties.putAll(this.mapper.producer(instance.getRetry(), kafka.getRetry()));
			producerProperties.putAll(this.mapper.producer(instance));
			producerProperties.putAll(this.mapper.producer(kafka));
			producerProperties.putAll(instance.getProperties());
			producerProperties.putAll(kafka.getProperties());
			RecordFormat format = this.formats.resolve(path + ".kafka", kafka, this.problems);
			return new PublishingMapping(mappingId(name, eventsTopic), name, kafkaConnection.clientId(),
					kafkaConnection.brokers(), eventsTopic, orEmpty(kafka.getTopic()), kafka.getKey(),
					this.mapper.headerForwarding(topic.getHeaders()), producerProperties, format,
					this.filters.resolve(path, topic, format.key(), this.problems), topic.getPayloadType(),
					(topic.getOutbox() != null) ? topic.getOutbox() : instance.isOutbox());
		}

		private static void warnIfNotAcksAll(String path, PublishingMapping mapping, PublishingTopic topic) {
			Object acks = mapping.producerProperties().get(ProducerConfig.ACKS_CONFIG);
			String value = String.valueOf(acks).trim();
			if (!"all".equalsIgnoreCase(value) && !"-1".equals(value)) {
				String property = topic.getKafka().getProperties().containsKey(ProducerConfig.ACKS_CONFIG)
						? path + ".kafka.properties[acks]"
						: PUBLISHING_PATH + "." + mapping.instance() + ".properties[acks]";
				logger.warn("Kafka events publishing mapping '" + mapping.id() + "' (instance '" + mapping.instance()
						+ "') sends with acks=" + value + " (" + property + "): its publish futures complete before "
						+ "every in-sync replica has the record, so an acknowledged event can be lost when the "
						+ "partition leader fails" + ("0".equals(value) ? ", and no send failure is reported" : "")
						+ ". Remove acks from properties to keep acks=all.");
			}
		}

		private Map<String, Object> connection(String path, Connection connection, @Nullable BootKafkaConnection boot) {
			List<String> brokers = connection.getBrokers();
			Map<String, Object> properties = this.mapper.connection(path, connection,
					(brokers != null) ? BrokerAddresses.withDefaultPort(path + ".brokers", brokers) : null,
					this.problems);
			if (brokers == null && boot != null) {
				useBootConnection(path, properties, boot);
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

		private @Nullable String deadLetterTopic(ConsumingTopic topic) {
			String deadLetterTopic = DeadLetterTopicSetting.named(topic);
			return (deadLetterTopic != null && !orEmpty(topic.getKafka().getTopics()).contains(deadLetterTopic))
					? deadLetterTopic : null;
		}

		private String mappingId(String instance, String eventsTopic) {
			String id = instance + "." + eventsTopic;
			for (int suffix = 2; !this.mappingIds.add(id); suffix++) {
				id = instance + "." + eventsTopic + "." + suffix;
			}
			return id;
		}

	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static <T> List<T> orEmpty(@Nullable List<T> values) {
		return (values != null) ? values : List.of();
	}

}
