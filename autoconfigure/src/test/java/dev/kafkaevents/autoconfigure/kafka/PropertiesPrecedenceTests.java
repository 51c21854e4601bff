package dev.kafkaevents.autoconfigure.kafka;

import java.util.Map;

import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of the order in which Kafka client properties are applied: derived settings, then
 * the instance's {@code properties}, then the mapping's {@code kafka.properties}.
 *
 * @author kafka-events
 */
class PropertiesPrecedenceTests {

	@Test
	void mappingPropertiesOverrideInstancePropertiesWhichOverrideDerivedSettings() {
		KafkaEventsContextRunners.withYaml("precedence.yaml").run((context) -> {
			Map<String, Object> first = registry(context).getConsumingMappings().get(0).consumerProperties();
			assertThat(first).contains(entry("client.id", "mapping-client"), entry("max.poll.records", "10"),
					entry("session.timeout.ms", "15000"), entry("request.timeout.ms", "25000"),
					entry("fetch.min.bytes", "10"), entry("group.id", "my-group"));
		});
	}

	@Test
	void instancePropertiesApplyToMappingsWithoutTheirOwn() {
		KafkaEventsContextRunners.withYaml("precedence.yaml").run((context) -> {
			Map<String, Object> second = registry(context).getConsumingMappings().get(1).consumerProperties();
			assertThat(second)
				.contains(entry("client.id", "instance-client"), entry("max.poll.records", "100"),
						entry("request.timeout.ms", "25000"))
				.doesNotContainKey("session.timeout.ms");
		});
	}

	@Test
	void overriddenConsumerPropertiesAreTheOnesTheKafkaClientSees() {
		KafkaEventsContextRunners.withYaml("precedence.yaml").run((context) -> {
			ConsumerConfig config = new ConsumerConfig(
					registry(context).getConsumingMappings().get(0).consumerProperties());
			assertThat(config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isEqualTo(10);
			assertThat(config.getString(ConsumerConfig.CLIENT_ID_CONFIG)).isEqualTo("mapping-client");
			assertThat(config.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(15000);
		});
	}

	@Test
	void producerPropertiesFollowTheSameOrder() {
		KafkaEventsContextRunners.withYaml("precedence.yaml").run((context) -> {
			KafkaInstanceRegistry registry = registry(context);
			assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("dev"))
				.contains(entry("linger.ms", "20"), entry("acks", "1"), entry("compression.type", "lz4"));
			assertThat(registry.getPublishingMappings().get(0).producerProperties()).contains(entry("linger.ms", "0"),
					entry("acks", "all"), entry("compression.type", "lz4"), entry("enable.idempotence", true));
			assertThat(registry.getPublishingMappings().get(1).producerProperties())
				.contains(entry("linger.ms", "20"), entry("acks", "1"), entry("compression.type", "lz4"))
				.doesNotContainKey("enable.idempotence");
			ProducerConfig first = new ProducerConfig(registry.getPublishingMappings().get(0).producerProperties());
			assertThat(first.getLong(ProducerConfig.LINGER_MS_CONFIG)).isZero();
		});
	}

	private static KafkaInstanceRegistry registry(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaInstanceRegistry.class);
	}

}
