package dev.kafkaevents.kafka.consumer;

/**
 * Callback that customizes each consuming bridge before it starts, for example to set its
 * observation registry; applied in order.
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface KafkaConsumingBridgeCustomizer {

	/**
	 * Customize a bridge.
	 * @param bridge the bridge, which names its mapping and instance
	 */
	void customize(KafkaConsumingBridge bridge);

}
