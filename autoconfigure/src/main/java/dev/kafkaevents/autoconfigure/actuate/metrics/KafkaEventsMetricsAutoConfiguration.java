package dev.kafkaevents.autoconfigure.actuate.metrics;

import java.util.List;

import dev.kafkaevents.actuate.metrics.KafkaEventsConsumerGauges;
import dev.kafkaevents.actuate.metrics.KafkaEventsConsumingMetrics;
import dev.kafkaevents.actuate.metrics.KafkaEventsMeters;
import dev.kafkaevents.actuate.metrics.KafkaEventsPublishingMetrics;
import dev.kafkaevents.actuate.metrics.KafkaEventsRequestReplyMetrics;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsRequestReplyAutoConfiguration;
import dev.kafkaevents.kafka.consumer.KafkaConsumerFactoryCustomizer;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplateCustomizer;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * Auto-configuration of the Micrometer meters of kafka-events: received records, handling
 * time, lag, paused partitions, and the Kafka clients' own metrics tagged by instance.
 *
 * @author kafka-events
 */
@AutoConfiguration(
		after = { KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
				KafkaEventsRequestReplyAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, KafkaConsumingBridges.class })
@ConditionalOnBean(MeterRegistry.class)
public final class KafkaEventsMetricsAutoConfiguration {

	KafkaEventsMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaEventsConsumingMetrics kafkaEventsConsumingMetrics(MeterRegistry registry) {
		return new KafkaEventsConsumingMetrics(registry);
	}

	@Bean
	KafkaConsumerFactoryCustomizer kafkaEventsClientMetricsCustomizer(MeterRegistry registry) {
		return (mapping,
				consumerFactory) -> consumerFactory.addListener(new MicrometerConsumerListener<>(registry,
						List.of(Tag.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance()),
								Tag.of(KafkaEventsMeters.MAPPING_TAG, mapping.id()))));
	}

	@Bean
	KafkaPublishingTemplateCustomizer kafkaEventsProducerMetricsCustomizer(MeterRegistry registry) {
		return (instance, template) -> template.getProducerFactory()
			.addListener(new MicrometerProducerListener<>(registry,
					List.of(Tag.of(KafkaEventsMeters.INSTANCE_TAG, instance))));
	}

	@Bean
	@ConditionalOnBean(KafkaPublishingBridges.class)
	@ConditionalOnMissingBean
	KafkaEventsPublishingMetrics kafkaEventsPublishingMetrics(KafkaPublishingBridges bridges) {
		return new KafkaEventsPublishingMetrics(bridges);
	}

	@Bean
	@ConditionalOnBean(KafkaConsumingBridges.class)
	@ConditionalOnMissingBean
	KafkaEventsConsumerGauges kafkaEventsConsumerGauges(KafkaConsumingBridges bridges) {
		return new KafkaEventsConsumerGauges(bridges);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaEventsRequestReplyMetrics kafkaEventsRequestReplyMetrics(ObjectProvider<KafkaRequests> requests,
			ObjectProvider<RequestAnswerers> answerers) {
		KafkaRequests kafkaRequests = requests.getIfAvailable();
		RequestAnswerers requestAnswerers = answerers.getIfAvailable();
		return new KafkaEventsRequestReplyMetrics((kafkaRequests != null) ? kafkaRequests.getMappings() : List.of(),
				(requestAnswerers != null) ? requestAnswerers.getAnswerers() : List.of());
	}

}
