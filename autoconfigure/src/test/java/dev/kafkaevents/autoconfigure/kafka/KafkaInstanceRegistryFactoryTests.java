package dev.kafkaevents.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link KafkaInstanceRegistryFactory}.
 *
 * @author kafka-events
 */
class KafkaInstanceRegistryFactoryTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	@Test
	void nameUsedOnBothSidesIsOneInstanceWithBothKindsOfMappings() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(CONSUMING + "dev.clientId", "dev-in");
		properties.put(CONSUMING + "dev.brokers", "kafka-in:9092");
		properties.put(CONSUMING + "dev.properties[client.rack]", "eu-1");
		properties.put(CONSUMING + "dev.topics[0].topic", "catalog");
		properties.put(CONSUMING + "dev.topics[0].kafka.topics", "catalog-in");
		properties.put(CONSUMING + "dev.topics[0].kafka.groupId", "dev-group");
		properties.put(PUBLISHING + "out.clientId", "out");
		properties.put(PUBLISHING + "out.brokers", "kafka-out:9092");
		properties.put(PUBLISHING + "out.topics[0].topic", "audit");
		properties.put(PUBLISHING + "out.topics[0].kafka.topic", "audit-out");
		properties.put(PUBLISHING + "dev.clientId", "dev-out");
		properties.put(PUBLISHING + "dev.brokers", "kafka-out:9092");
		properties.put(PUBLISHING + "dev.topics[0].topic", "catalog");
		properties.put(PUBLISHING + "dev.topics[0].kafka.topic", "catalog-out");
		KafkaInstanceRegistry registry = create(properties);
		assertThat(registry.getInstances()).extracting(KafkaInstance::name).containsExactly("dev", "out");
		KafkaInstance dev = registry.getInstance("dev").orElseThrow();
		assertThat(dev.consumingMappings()).singleElement()
			.satisfies((mapping) -> assertThat(mapping.id()).isEqualTo("dev.catalog"));
		assertThat(dev.publishingMappings()).singleElement()
			.satisfies((mapping) -> assertThat(mapping.id()).isEqualTo("dev.catalog.2"));
		assertThat(dev.consuming().clientProperties())
			.contains(entry("client.id", "dev-in"), entry("bootstrap.servers", "kafka-in:9092"),
					entry("client.rack", "eu-1"))
			.doesNotContainKey("group.id");
		assertThat(dev.publishing().clientProperties()).contains(entry("client.id", "dev-out"),
				entry("bootstrap.servers", "kafka-out:9092"), entry("acks", "all"));
		assertThat(dev.distinctClusters()).extracting((connection) -> connection.brokers().get(0))
			.containsExactly("kafka-in:9092", "kafka-out:9092");
		assertThat(registry.getInstance("out").orElseThrow().consuming()).isNull();
		assertThat(registry.getConsumingMappings()).hasSize(1);
		assertThat(registry.getPublishingMappings()).hasSize(2);
	}

	private static KafkaInstanceRegistry create(Map<String, String> properties) {
		KafkaEventsProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("events.modules.kafka", KafkaEventsProperties.class);
		return new KafkaInstanceRegistryFactory(new DefaultResourceLoader(), null).create(bound);
	}

}
