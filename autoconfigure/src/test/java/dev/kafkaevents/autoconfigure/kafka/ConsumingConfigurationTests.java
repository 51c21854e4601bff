package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.SaslMechanism;
import org.apache.commons.logging.Log;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Tests of the consuming side of the configuration model, one per case of Backstage's
 * {@code KafkaConsumingEventPublisher/config.test.ts}, written as YAML.
 *
 * @author kafka-events
 */
class ConsumingConfigurationTests {

	@Test
	void noConfigurationGivesNoConsumingMapping() {
		KafkaEventsContextRunners.withYaml().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(properties(context).getKafkaConsumingEventPublisher()).isEmpty();
			assertThat(registry(context).getConsumingMappings()).isEmpty();
		});
	}

	@Test
	void requiredFieldsOnlyBindAndLeaveEveryOptionalKeyUnset() {
		KafkaEventsContextRunners.withYaml("consuming-required.yaml").run((context) -> {
			Consuming dev = properties(context).getKafkaConsumingEventPublisher().get("dev");
			assertThat(properties(context).getKafkaConsumingEventPublisher()).containsOnlyKeys("dev");
			assertThat(dev.getClientId()).isEqualTo("backstage-events");
			assertThat(dev.getBrokers()).containsExactly("kafka1:9092", "kafka2:9092");
			assertThat(dev.getTopics()).extracting("topic").containsExactly("fake1", "fake2");
			ConsumerKafka kafka = dev.getTopics().get(0).getKafka();
			assertThat(kafka.getTopics()).containsExactly("topic-A");
			assertThat(kafka.getGroupId()).isEqualTo("my-group");
			assertThat(kafka.isAutoCommit()).isTrue();
			assertThat(kafka.isPauseOnError()).isFalse();
			assertThat(kafka.getFromBeginning()).isNull();
			assertThat(kafka.getSessionTimeout()).isNull();
			assertThat(dev.getSsl().isEffectivelyEnabled()).isFalse();
			assertThat(dev.getSasl().isConfigured()).isFalse();
		});
	}

	@Test
	void requiredFieldsOnlyResolveToOneMappingPerEntryWithOnlyTheSettingsWeOwn() {
		KafkaEventsContextRunners.withYaml("consuming-required.yaml").run((context) -> {
			List<ConsumingMapping> mappings = registry(context).getConsumingMappings();
			assertThat(mappings).extracting(ConsumingMapping::instance).containsExactly("dev", "dev");
			assertThat(mappings).extracting(ConsumingMapping::eventsTopic).containsExactly("fake1", "fake2");
			assertThat(mappings).extracting(ConsumingMapping::kafkaTopics)
				.containsExactly(List.of("topic-A"), List.of("topic-B"));
			assertThat(mappings).extracting(ConsumingMapping::groupId).containsExactly("my-group", "my-group");
			assertThat(mappings).extracting(ConsumingMapping::autoCommit).containsExactly(true, true);
			assertThat(mappings).extracting(ConsumingMapping::pauseOnError).containsExactly(false, false);
			assertThat(mappings).extracting(ConsumingMapping::fromBeginning).containsExactly(null, null);
			assertThat(mappings.get(0).consumerProperties()).containsOnly(
					entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka1:9092,kafka2:9092"),
					entry(ConsumerConfig.CLIENT_ID_CONFIG, "backstage-events"),
					entry(ConsumerConfig.GROUP_ID_CONFIG, "my-group"),
					entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
					entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class),
					entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
		});
	}

	@Test
	void allFieldsBindIncludingNumbersGivenAsStringsAndMillisecondObjects() {
		KafkaEventsContextRunners.withYaml("consuming-all-fields.yaml").run((context) -> {
			Consuming dev = properties(context).getKafkaConsumingEventPublisher().get("dev");
			assertThat(dev.getSsl().getEnabled()).isTrue();
			assertThat(dev.getSasl().getMechanism()).isEqualTo(SaslMechanism.PLAIN);
			assertThat(dev.getSasl().getUsername()).isEqualTo("username");
			assertThat(dev.getSasl().getPassword()).isEqualTo("password");
			assertThat(dev.getRetry().getMaxRetryTime()).isEqualTo(Duration.ofMillis(20000));
			assertThat(dev.getRetry().getInitialRetryTime()).isEqualTo(Duration.ofMillis(200));
			assertThat(dev.getRetry().getFactor()).isEqualTo(0.4);
			assertThat(dev.getRetry().getMultiplier()).isEqualTo(4.0);
			assertThat(dev.getRetry().getRetries()).isEqualTo(10);
			assertThat(dev.getAuthenticationTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(dev.getConnectionTimeout()).isEqualTo(Duration.ofMillis(1500));
			assertThat(dev.getRequestTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(dev.getEnforceRequestTimeout()).isFalse();
			ConsumerKafka first = dev.getTopics().get(0).getKafka();
			assertThat(first.getSessionTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(first.getRebalanceTimeout()).isEqualTo(Duration.ofMillis(50000));
			assertThat(first.getHeartbeatInterval()).isEqualTo(Duration.ofMillis(2000));
			assertThat(first.getMetadataMaxAge()).isEqualTo(Duration.ofMillis(400000));
			assertThat(first.getMaxBytesPerPartition()).isEqualTo(DataSize.ofBytes(50000));
			assertThat(first.getMinBytes()).isEqualTo(DataSize.ofBytes(2));
			assertThat(first.getMaxBytes()).isEqualTo(DataSize.ofBytes(500000));
			assertThat(first.getMaxWaitTime()).isEqualTo(Duration.ofMillis(4000));
			ConsumerKafka second = dev.getTopics().get(1).getKafka();
			assertThat(second.getSessionTimeout()).isNull();
			assertThat(second.getMaxBytes()).isNull();
		});
	}

	@Test
	void allFieldsMapToTheirKafkaConsumerProperties() {
		KafkaEventsContextRunners.withYaml("consuming-all-fields.yaml").run((context) -> {
			Map<String, Object> first = registry(context).getConsumingMappings().get(0).consumerProperties();
			assertThat(first).contains(entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "PLAIN"), entry(
					"sasl.jaas.config",
					"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"username\" password=\"password\";"),
					entry("socket.connection.setup.timeout.ms", 1500L), entry("request.timeout.ms", 20000),
					entry("retry.backoff.ms", 200L), entry("reconnect.backoff.ms", 200L),
					entry("retry.backoff.max.ms", 20000L), entry("reconnect.backoff.max.ms", 20000L),
					entry("session.timeout.ms", 20000), entry("max.poll.interval.ms", 50000),
					entry("heartbeat.interval.ms", 2000), entry("metadata.max.age.ms", 400000L),
					entry("max.partition.fetch.bytes", 50000), entry("fetch.min.bytes", 2),
					entry("fetch.max.bytes", 500000), entry("fetch.max.wait.ms", 4000));
			assertThat(first).doesNotContainKeys("retries", "socket.connection.setup.timeout.max.ms",
					"auto.offset.reset", "ssl.truststore.type", "ssl.endpoint.identification.algorithm");
			Map<String, Object> second = registry(context).getConsumingMappings().get(1).consumerProperties();
			assertThat(second).contains(entry("security.protocol", "SASL_SSL"), entry("request.timeout.ms", 20000));
			assertThat(second).doesNotContainKeys("session.timeout.ms", "max.poll.interval.ms", "heartbeat.interval.ms",
					"metadata.max.age.ms", "max.partition.fetch.bytes", "fetch.min.bytes", "fetch.max.bytes",
					"fetch.max.wait.ms");
		});
	}

	@Test
	void allFieldsGiveConsumerPropertiesTheKafkaClientAccepts() {
		KafkaEventsContextRunners.withYaml("consuming-all-fields.yaml").run((context) -> {
			for (ConsumingMapping mapping : registry(context).getConsumingMappings()) {
				ConsumerConfig config = new ConsumerConfig(mapping.consumerProperties());
				assertThat(config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))
					.isEqualTo(mapping.eventsTopic().equals("fake1") ? 4000 : ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS);
			}
		});
	}

	@Test
	void humanDurationsAndAnEmptyTopicListGiveAnInstanceWithoutMappings() {
		KafkaEventsContextRunners.withYaml("consuming-durations.yaml").run((context) -> {
			Consuming dev = properties(context).getKafkaConsumingEventPublisher().get("dev");
			assertThat(dev.getAuthenticationTimeout()).isEqualTo(Duration.ofHours(1));
			assertThat(dev.getConnectionTimeout()).isEqualTo(Duration.ofDays(1));
			assertThat(dev.getRequestTimeout()).isEqualTo(Duration.ofMinutes(1));
			assertThat(dev.getRetry().getMaxRetryTime()).isEqualTo(Duration.ofSeconds(1));
			assertThat(dev.getRetry().getInitialRetryTime()).isEqualTo(Duration.ofMinutes(1));
			assertThat(dev.getRetry().getFactor()).isEqualTo(0.4);
			assertThat(dev.getRetry().getMultiplier()).isEqualTo(4.0);
			assertThat(dev.getRetry().getRetries()).isEqualTo(10);
			assertThat(dev.getTopics()).isEmpty();
			assertThat(registry(context).getConsumingMappings()).isEmpty();
		});
	}

	@Test
	void handlerRetryIntervalsAcceptBackstageDurations() {
		KafkaEventsContextRunners.withYaml("consuming-retry-durations.yaml").run((context) -> {
			HandlerRetry catalog = registry(context).findConsumingMapping("dev.catalog").orElseThrow().retry();
			assertThat(catalog.initialInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(catalog.maxInterval()).isEqualTo(Duration.ofSeconds(5));
			HandlerRetry audit = registry(context).findConsumingMapping("dev.audit").orElseThrow().retry();
			assertThat(audit.initialInterval()).isEqualTo(Duration.ofMillis(500));
			assertThat(audit.maxInterval()).isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void legacyFlatBlockBecomesInstanceDefaultAndLogsBackstagesWarning() {
		Log log = mock(Log.class);
		KafkaEventsContextRunners.withYaml(log, "consuming-legacy.yaml").run((context) -> {
			assertThat(properties(context).getKafkaConsumingEventPublisher()).containsOnlyKeys("default");
			List<ConsumingMapping> mappings = registry(context).getConsumingMappings();
			assertThat(mappings).extracting(ConsumingMapping::instance).containsExactly("default", "default");
			assertThat(mappings).extracting(ConsumingMapping::id).containsExactly("default.fake1", "default.fake2");
			assertThat(mappings).extracting(ConsumingMapping::clientId)
				.containsExactly("backstage-events", "backstage-events");
			assertThat(mappings).extracting(ConsumingMapping::kafkaTopics)
				.containsExactly(List.of("topic-A"), List.of("topic-B"));
			assertThat(mappings.get(1).consumerProperties()).contains(
					entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka1:9092,kafka2:9092"),
					entry(ConsumerConfig.GROUP_ID_CONFIG, "my-group"));
		});
		verify(log).warn("Legacy single config format detected at events.modules.kafka.kafkaConsumingEventPublisher.");
	}

	@Test
	void offsetManagementFieldsBindAndFromBeginningMapsToAutoOffsetReset() {
		KafkaEventsContextRunners.withYaml("consuming-offsets.yaml").run((context) -> {
			List<ConsumingMapping> mappings = registry(context).getConsumingMappings();
			ConsumingMapping first = mappings.get(0);
			assertThat(first.autoCommit()).isFalse();
			assertThat(first.pauseOnError()).isTrue();
			assertThat(first.fromBeginning()).isTrue();
			assertThat(first.consumerProperties()).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			ConsumingMapping second = mappings.get(1);
			assertThat(second.autoCommit()).isTrue();
			assertThat(second.pauseOnError()).isFalse();
			assertThat(second.fromBeginning()).isFalse();
			assertThat(second.consumerProperties()).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		});
	}

	@Test
	void offsetManagementNeverLetsTheKafkaClientAutoCommit() {
		KafkaEventsContextRunners.withYaml("consuming-offsets.yaml")
			.run((context) -> assertThat(registry(context).getConsumingMappings())
				.allSatisfy((mapping) -> assertThat(mapping.consumerProperties())
					.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
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
