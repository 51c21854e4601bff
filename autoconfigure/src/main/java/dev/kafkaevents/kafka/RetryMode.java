package dev.kafkaevents.kafka;

/**
 * How a consuming mapping waits between the attempts of a record whose handling failed.
 *
 * @author kafka-events
 */
public enum RetryMode {

	/**
	 * Wait on the consumer thread: every partition of that consumer waits too, and the
	 * record's partition stays in order.
	 */
	BLOCKING,

	/**
	 * Pause only the record's partition for the wait, so that the other partitions of the
	 * consumer keep flowing; the record's partition stays in order.
	 */
	PAUSE_PARTITION,

	/**
	 * Send the record to a retry topic per attempt, consumed by a container of its own
	 * once the attempt's delay has passed; its partition moves on at once, so the record
	 * is retried out of order.
	 */
	TOPICS

}
