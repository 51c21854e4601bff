package dev.kafkaevents.autoconfigure.actuate.endpoint;

import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link KafkaEventsEndpoint kafkaevents} Actuator endpoint.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = KafkaEventsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ KafkaInstanceRegistry.class, KafkaConsumingBridges.class })
@ConditionalOnAvailableEndpoint(KafkaEventsEndpoint.class)
public final class KafkaEventsEndpointAutoConfiguration {

	KafkaEventsEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaEventsEndpoint kafkaEventsEndpoint(KafkaInstanceRegistry registry, KafkaConsumingBridges consumingBridges) {
		return new KafkaEventsEndpoint(registry, consumingBridges);
	}

}
