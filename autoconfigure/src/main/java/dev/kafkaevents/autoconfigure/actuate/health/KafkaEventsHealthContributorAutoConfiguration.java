package dev.kafkaevents.autoconfigure.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.actuate.health.KafkaEventsHealthContributor;
import dev.kafkaevents.actuate.health.KafkaEventsInstanceHealthIndicator;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code kafkaEvents} health contributor: one indicator per
 * instance.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = KafkaEventsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ KafkaInstanceRegistry.class, KafkaConsumingBridges.class })
@ConditionalOnEnabledHealthIndicator("kafkaevents")
public final class KafkaEventsHealthContributorAutoConfiguration {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	KafkaEventsHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "kafkaEventsHealthContributor")
	KafkaEventsHealthContributor kafkaEventsHealthContributor(KafkaInstanceRegistry registry,
			KafkaConsumingBridges bridges) {
		Map<String, KafkaEventsInstanceHealthIndicator> indicators = new LinkedHashMap<>();
		for (KafkaInstance instance : registry.getInstances()) {
			List<KafkaConsumingBridge> instanceBridges = instance.consumingMappings()
				.stream()
				.flatMap((mapping) -> bridges.find(mapping.id()).stream())
				.toList();
			indicators.put(instance.name(),
					new KafkaEventsInstanceHealthIndicator(instance, instanceBridges, TIMEOUT, INTERVAL));
		}
		return new KafkaEventsHealthContributor(indicators);
	}

}
