package dev.kafkaevents.kafka.consumer;

/**
 * What a consuming mapping is doing.
 *
 * @author kafka-events
 */
public enum ConsumingState {

	/**
	 * Consuming its assigned partitions.
	 */
	RUNNING,

	/**
	 * Paused by an operator.
	 */
	PAUSED,

	/**
	 * At least one partition is paused at a record that failed.
	 */
	PAUSED_ON_ERROR,

	/**
	 * Started, but no partition has been assigned: brokers unreachable or their names not
	 * resolving, or topics missing.
	 */
	NOT_CONNECTED,

	/**
	 * Not running.
	 */
	STOPPED

}
