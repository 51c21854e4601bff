package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeCustomizer;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * Auto-configuration of request-reply over Kafka: {@link KafkaRequests} for the instances
 * under {@code events.modules.kafka.request-reply.requesters}, and the answering of
 * requests by the consuming mappings.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = KafkaEventsPublishingAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(ReplyingKafkaTemplate.class)
@ConditionalOnBean(KafkaInstanceRegistry.class)
@EnableConfigurationProperties(KafkaRequestReplyProperties.class)
public final class KafkaEventsRequestReplyAutoConfiguration {

	KafkaEventsRequestReplyAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(KafkaPublishingTemplates.class)
	KafkaRequests kafkaRequests(KafkaInstanceRegistry registry, KafkaPublishingTemplates templates,
			KafkaRequestReplyProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		RequesterSettingsFactory.Resolved resolved = new RequesterSettingsFactory().create(properties, registry);
		return new KafkaRequests(registry, templates, resolved.requesters(), resolved.headers(),
				jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "events.modules.kafka.request-reply.answering.enabled", matchIfMissing = true)
	static class AnsweringConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestAnswerers kafkaEventsRequestAnswerers(KafkaInstanceRegistry registry,
				KafkaRequestReplyProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
			return new RequestAnswerers(registry, new RequesterSettingsFactory().create(properties, registry).headers(),
					jsonMapper.getIfAvailable(JsonMapper::new));
		}

		@Bean
		KafkaConsumingBridgeCustomizer kafkaEventsRequestAnsweringCustomizer(RequestAnswerers answerers) {
			return (bridge) -> bridge.setRequestAnswerer(answerers.get(bridge.getMapping().id()));
		}

	}

}
