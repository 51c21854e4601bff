package dev.kafkaevents.kafka.producer;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Callback that customizes each template of the publishing bridges, and through it its
 * producer factory, for example to add listeners or enable observation; applied in order.
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface KafkaPublishingTemplateCustomizer {

	/**
	 * Customize a template.
	 * @param instance the publishing instance the template belongs to
	 * @param template the template to customize
	 */
	void customize(String instance, KafkaTemplate<byte[], byte[]> template);

}
