package dev.kafkaevents.kafka.outbox;

/**
 * State of an outbox row.
 *
 * @author kafka-events
 */
public enum OutboxStatus {

	/**
	 * Written and not sent yet, possibly waiting for another attempt.
	 */
	PENDING,

	/**
	 * Acknowledged by the broker, kept until the retention of sent rows ends.
	 */
	SENT,

	/**
	 * Given up after too many failed sends or at too great an age: kept until an operator
	 * retries or discards it.
	 */
	FAILED

}
