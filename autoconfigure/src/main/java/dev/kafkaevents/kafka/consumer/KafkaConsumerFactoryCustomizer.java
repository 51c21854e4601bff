package dev.kafkaevents.kafka.consumer;

import dev.kafkaevents.kafka.ConsumingMapping;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Callback that customizes the consumer factory of a consuming mapping, for example to
 * add listeners; applied in order.
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface KafkaConsumerFactoryCustomizer {

	/**
	 * Customize the consumer factory of a mapping.
	 * @param mapping the mapping, which names its instance
	 * @param consumerFactory the factory to customize
	 */
	void customize(ConsumingMapping mapping, DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory);

}
