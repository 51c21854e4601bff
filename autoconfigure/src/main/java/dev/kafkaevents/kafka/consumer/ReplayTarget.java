package dev.kafkaevents.kafka.consumer;

/**
 * Where a record replayed from a dead-letter topic goes.
 *
 * @author kafka-events
 */
public enum ReplayTarget {

	/**
	 * Back to the Kafka topic (and partition) it failed on, where the mapping consumes it
	 * again like any record.
	 */
	KAFKA,

	/**
	 * Straight into the mapping's events topic, waiting for its handlers; a record that
	 * fails again goes back to the dead-letter topic.
	 */
	EVENTS

}
