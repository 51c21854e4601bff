package dev.kafkaevents.actuate.endpoint;

/**
 * What an operator can do with the dead-letter topics of a consuming mapping through the
 * {@code kafkaevents} endpoint; the request's {@code action} names one,
 * case-insensitively.
 *
 * @author kafka-events
 */
public enum DeadLetterAction {

	/**
	 * Show the latest records of the dead-letter topics.
	 */
	BROWSE,

	/**
	 * Replay one record, or the records of an offset range, to the Kafka topic each
	 * failed on or into the events topic.
	 */
	REPLAY

}
