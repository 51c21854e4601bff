package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.producer.KafkaEvents;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridge;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplateCustomizer;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import dev.kafkaevents.kafka.producer.PublishingRecordWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the events to Kafka side: a {@link KafkaTemplate} per
 * {@code kafkaPublishingEventConsumer} instance, injectable with
 * {@code @Qualifier("<instance>")}, a publishing bridge per mapping, and
 * {@link KafkaEvents}, which publishes events and reports where they landed in Kafka.
 * <p>
 * Ordered after Spring Boot's {@code KafkaAutoConfiguration}, whose {@code kafkaTemplate}
 * and {@code kafkaProducerFactory} stay exactly as they would be without kafka-events.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = KafkaEventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ KafkaProducer.class, KafkaTemplate.class })
@ConditionalOnBean(KafkaInstanceRegistry.class)
@Import(KafkaEventsTemplatesRegistrar.class)
public final class KafkaEventsPublishingAutoConfiguration {

	KafkaEventsPublishingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaPublishingTemplates kafkaPublishingTemplates(KafkaInstanceRegistry registry,
			ObjectProvider<KafkaPublishingTemplateCustomizer> customizers) {
		return new KafkaPublishingTemplates(registry, customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventsService.class)
	KafkaPublishingBridges kafkaPublishingBridges(KafkaInstanceRegistry registry, KafkaPublishingTemplates templates,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<PublishingRecordWriter> outboxWriter) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::new);
		return new KafkaPublishingBridges(registry.getPublishingMappings()
			.stream()
			.map((mapping) -> bridge(mapping, templates.getTemplate(mapping), mapper, outboxWriter))
			.toList(), templates);
	}

	private static KafkaPublishingBridge bridge(PublishingMapping mapping, KafkaTemplate<byte[], byte[]> template,
			JsonMapper mapper, ObjectProvider<PublishingRecordWriter> outboxWriter) {
		if (!mapping.outbox()) {
			return new KafkaPublishingBridge(mapping, template, mapper);
		}
		PublishingRecordWriter writer = outboxWriter.getIfAvailable();
		if (writer == null) {
			throw new InvalidKafkaEventsConfigurationException(List.of(new Problem(
					"events.modules.kafka.kafkaPublishingEventConsumer." + mapping.instance() + ".topics[].outbox",
					"mapping '" + mapping.id() + "' is outbox-backed but the application has no DataSource bean "
							+ "(or spring-boot-jdbc is not on the classpath)",
					"Add spring-boot-starter-jdbc and configure a DataSource, or set outbox: false")));
		}
		return new KafkaPublishingBridge(mapping, template, mapper, writer);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventsService.class)
	KafkaEvents kafkaEvents(EventsService eventsService, KafkaPublishingBridges bridges) {
		return new KafkaEvents(eventsService, bridges);
	}

	@Bean
	static KafkaPublishingBridgesSubscriber kafkaPublishingBridgesSubscriber(
			ObjectProvider<KafkaPublishingBridges> bridges, ObjectProvider<EventsService> eventsService) {
		return new KafkaPublishingBridgesSubscriber(bridges, eventsService);
	}

}
