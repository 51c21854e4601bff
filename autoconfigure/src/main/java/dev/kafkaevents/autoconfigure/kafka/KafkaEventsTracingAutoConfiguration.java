package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeCustomizer;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplateCustomizer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that, when Micrometer Tracing is present, observes the handling of
 * every consumed record and every sent record, so that a trace carried in Kafka headers
 * continues through the handlers into the records they cause to be sent.
 *
 * @author kafka-events
 */
@AutoConfiguration(before = { KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
@ConditionalOnBean(ObservationRegistry.class)
public final class KafkaEventsTracingAutoConfiguration {

	KafkaEventsTracingAutoConfiguration() {
	}

	@Bean
	KafkaConsumingBridgeCustomizer kafkaEventsConsumingObservationCustomizer(ObservationRegistry registry) {
		return (bridge) -> bridge.setObservationRegistry(registry);
	}

	@Bean
	KafkaPublishingTemplateCustomizer kafkaEventsPublishingObservationCustomizer(ObservationRegistry registry) {
		return (instance, template) -> {
			template.setObservationEnabled(true);
			template.setObservationRegistry(registry);
		};
	}

}
