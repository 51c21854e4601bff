package dev.kafkaevents.test;

import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;

import static org.awaitility.Awaitility.await;

/**
 * Waits until a consuming bridge's consumers own partitions, so that records sent from
 * then on reach it.
 *
 * @author kafka-events
 */
public final class ConsumingBridgeAssignments {

	private ConsumingBridgeAssignments() {
	}

	/**
	 * Wait until the bridge has at least one partition assigned.
	 * @param bridge the bridge
	 */
	public static void awaitAssignment(KafkaConsumingBridge bridge) {
		await().atMost(TestKafka.timeout()).until(() -> !bridge.getAssignedPartitions().isEmpty());
	}

}
