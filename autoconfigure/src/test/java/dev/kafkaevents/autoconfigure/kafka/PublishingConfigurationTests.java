package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ProducerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of the publishing side of the configuration model, one per case of Backstage's
 * {@code KafkaPublishingEventConsumer/config.test.ts}, written as YAML.
 *
 * @author kafka-events
 */
class PublishingConfigurationTests {

	@Test
	void noConfigurationGivesNoPublishingInstance() {
		KafkaEventsContextRunners.withYaml().run((context) -> {
			assertThat(KafkaEventsContextRunners.publishingProperties(registry(context))).isEmpty();
			assertThat(registry(context).getPublishingMappings()).isEmpty();
		});
	}

	@Test
	void minimalEntriesBindAndLeaveEveryProducerKeyUnset() {
		KafkaEventsContextRunners.withYaml("publishing-required.yaml").run((context) -> {
			Publishing dev = properties(context).getKafkaPublishingEventConsumer().get("dev");
			assertThat(dev.getClientId()).isEqualTo("backstage-events");
			assertThat(dev.getBrokers()).containsExactly("kafka1:9092", "kafka2:9092");
			assertThat(dev.getTopics()).extracting("topic").containsExactly("fake1", "fake2");
			for (ProducerKafka kafka : dev.getTopics().stream().map((topic) -> topic.getKafka()).toList()) {
				assertThat(kafka.getAllowAutoTopicCreation()).isNull();
				assertThat(kafka.getMetadataMaxAge()).isNull();
				assertThat(kafka.getTransactionTimeout()).isNull();
				assertThat(kafka.getIdempotent()).isNull();
				assertThat(kafka.getMaxInFlightRequests()).isNull();
				assertThat(kafka.getRetry().getRetries()).isNull();
				assertThat(kafka.getRetry().getInitialRetryTime()).isNull();
				assertThat(kafka.getRetry().getMaxRetryTime()).isNull();
				assertThat(kafka.getKey()).isNull();
			}
		});
	}

	@Test
	void minimalEntriesResolveToMappingsWithOnlyTheSettingsWeOwn() {
		KafkaEventsContextRunners.withYaml("publishing-required.yaml").run((context) -> {
			List<PublishingMapping> mappings = registry(context).getPublishingMappings();
			assertThat(mappings).extracting(PublishingMapping::id).containsExactly("dev.fake1", "dev.fake2");
			assertThat(mappings).extracting(PublishingMapping::eventsTopic).containsExactly("fake1", "fake2");
			assertThat(mappings).extracting(PublishingMapping::kafkaTopic).containsExactly("topic-A", "topic-B");
			assertThat(mappings).extracting(PublishingMapping::headers)
				.containsOnly(new HeaderForwarding(false, List.of(), List.of("authorization")));
			Map<String, Object> expected = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka1:9092,kafka2:9092",
					ProducerConfig.CLIENT_ID_CONFIG, "backstage-events", ProducerConfig.ACKS_CONFIG, "all",
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
					ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.BATCH_SIZE_CONFIG, 131072);
			assertThat(mappings).allSatisfy((mapping) -> assertThat(mapping.producerProperties()).isEqualTo(expected));
			assertThat(KafkaEventsContextRunners.publishingProperties(registry(context)))
				.containsOnly(entry("dev", expected));
		});
	}

	@Test
	void allFieldsBindIncludingNumbersGivenAsStrings() {
		KafkaEventsContextRunners.withYaml("publishing-all-fields.yaml").run((context) -> {
			Publishing dev = properties(context).getKafkaPublishingEventConsumer().get("dev");
			assertThat(dev.getSsl().isEffectivelyEnabled()).isTrue();
			assertThat(dev.getSasl().getUsername()).isEqualTo("username");
			assertThat(dev.getAuthenticationTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(dev.getConnectionTimeout()).isEqualTo(Duration.ofMillis(1500));
			assertThat(dev.getRequestTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(dev.getEnforceRequestTimeout()).isFalse();
			assertThat(dev.getRetry().getRetries()).isEqualTo(10);
			ProducerKafka first = dev.getTopics().get(0).getKafka();
			assertThat(first.getAllowAutoTopicCreation()).isTrue();
			assertThat(first.getMetadataMaxAge()).isEqualTo(Duration.ofMillis(400000));
			assertThat(first.getTransactionTimeout()).isEqualTo(Duration.ofMillis(30000));
			assertThat(first.getIdempotent()).isTrue();
			assertThat(first.getMaxInFlightRequests()).isEqualTo(5);
			assertThat(first.getRetry().getMaxRetryTime()).isEqualTo(Duration.ofMillis(15000));
			assertThat(first.getRetry().getInitialRetryTime()).isEqualTo(Duration.ofMillis(100));
			assertThat(first.getRetry().getFactor()).isEqualTo(0.2);
			assertThat(first.getRetry().getMultiplier()).isEqualTo(2.0);
			assertThat(first.getRetry().getRetries()).isEqualTo(5);
			assertThat(dev.getTopics().get(1).getKafka().getIdempotent()).isNull();
		});
	}

	@Test
	void allFieldsMapToTheirKafkaProducerPropertiesWithTheMappingsRetryWinning() {
		KafkaEventsContextRunners.withYaml("publishing-all-fields.yaml").run((context) -> {
			Map<String, Object> first = registry(context).getPublishingMappings().get(0).producerProperties();
			assertThat(first).contains(entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "PLAIN"),
					entry("socket.connection.setup.timeout.ms", 1500L), entry("request.timeout.ms", 20000),
					entry("metadata.max.age.ms", 400000L), entry("transaction.timeout.ms", 30000),
					entry("enable.idempotence", true), entry("max.in.flight.requests.per.connection", 5),
					entry("retries", 5), entry("retry.backoff.ms", 100L), entry("retry.backoff.max.ms", 15000L),
					entry("reconnect.backoff.ms", 200L), entry("reconnect.backoff.max.ms", 20000L));
			Map<String, Object> second = registry(context).getPublishingMappings().get(1).producerProperties();
			assertThat(second).contains(entry("retries", 10), entry("retry.backoff.ms", 200L),
					entry("retry.backoff.max.ms", 20000L));
			assertThat(second).doesNotContainKeys("metadata.max.age.ms", "transaction.timeout.ms", "enable.idempotence",
					"max.in.flight.requests.per.connection");
			assertThat(KafkaEventsContextRunners.publishingProperties(registry(context)).get("dev")).contains(
					entry("retries", 10), entry("retry.backoff.ms", 200L), entry("security.protocol", "SASL_SSL"));
		});
	}

	@Test
	void allFieldsGiveProducerPropertiesTheKafkaClientAccepts() {
		KafkaEventsContextRunners.withYaml("publishing-all-fields.yaml").run((context) -> {
			ProducerConfig first = new ProducerConfig(
					registry(context).getPublishingMappings().get(0).producerProperties());
			assertThat(first.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
			assertThat(first.getLong(ProducerConfig.METADATA_MAX_AGE_CONFIG)).isEqualTo(400000L);
			ProducerConfig instance = new ProducerConfig(
					KafkaEventsContextRunners.publishingProperties(registry(context)).get("dev"));
			assertThat(instance.getInt(ProducerConfig.RETRIES_CONFIG)).isEqualTo(10);
		});
	}

	@Test
	void humanDurationsAndStringDurationsMapToMilliseconds() {
		KafkaEventsContextRunners.withYaml("publishing-durations.yaml").run((context) -> {
			Publishing dev = properties(context).getKafkaPublishingEventConsumer().get("dev");
			assertThat(dev.getAuthenticationTimeout()).isEqualTo(Duration.ofHours(1));
			assertThat(dev.getConnectionTimeout()).isEqualTo(Duration.ofDays(1));
			assertThat(dev.getRequestTimeout()).isEqualTo(Duration.ofMinutes(1));
			assertThat(dev.getRetry().getMaxRetryTime()).isEqualTo(Duration.ofSeconds(1));
			assertThat(dev.getRetry().getInitialRetryTime()).isEqualTo(Duration.ofMinutes(1));
			Map<String, Object> producer = registry(context).getPublishingMappings().get(0).producerProperties();
			assertThat(producer).contains(entry("metadata.max.age.ms", 300000L), entry("transaction.timeout.ms", 30000),
					entry("request.timeout.ms", 60000), entry("socket.connection.setup.timeout.ms", 86400000L),
					entry("socket.connection.setup.timeout.max.ms", 86400000L), entry("retry.backoff.ms", 60000L),
					entry("retry.backoff.max.ms", 1000L), entry("retries", 10));
		});
	}

	@Test
	void twoInstancesResolveIndependently() {
		KafkaEventsContextRunners.withYaml("publishing-two-instances.yaml").run((context) -> {
			KafkaInstanceRegistry registry = registry(context);
			assertThat(KafkaEventsContextRunners.publishingProperties(registry)).containsOnlyKeys("dev", "prod");
			assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("dev"))
				.contains(entry("client.id", "backstage-dev"), entry("bootstrap.servers", "kafka-dev:9092"));
			assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("prod")).contains(
					entry("client.id", "backstage-prod"),
					entry("bootstrap.servers", "kafka-prod1:9092,kafka-prod2:9092"));
			PublishingMapping dev = registry.findPublishingMapping("dev.dev-topic").orElseThrow();
			assertThat(dev.instance()).isEqualTo("dev");
			assertThat(dev.brokers()).containsExactly("kafka-dev:9092");
			assertThat(dev.kafkaTopic()).isEqualTo("kafka-dev-topic");
			PublishingMapping prod = registry.findPublishingMapping("prod.prod-topic").orElseThrow();
			assertThat(prod.instance()).isEqualTo("prod");
			assertThat(prod.clientId()).isEqualTo("backstage-prod");
			assertThat(prod.brokers()).containsExactly("kafka-prod1:9092", "kafka-prod2:9092");
			assertThat(prod.kafkaTopic()).isEqualTo("kafka-prod-topic");
		});
	}

	private static KafkaEventsProperties properties(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaEventsProperties.class);
	}

	private static KafkaInstanceRegistry registry(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaInstanceRegistry.class);
	}

}
