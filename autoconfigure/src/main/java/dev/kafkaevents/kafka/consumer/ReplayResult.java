package dev.kafkaevents.kafka.consumer;

/**
 * What a replay of dead-letter records did.
 *
 * @param target where the records were replayed to
 * @param replayed records replayed: sent to their Kafka topic, or handled by the events
 * topic's handlers
 * @param failedAgain records replayed into the events topic whose handling failed again,
 * sent back to the dead-letter topic marked as replayed
 * @param skipped records of a range not replayed because they were replayed before, or
 * that could not be sent
 * @author kafka-events
 */
public record ReplayResult(ReplayTarget target, int replayed, int failedAgain, int skipped) {

	/**
	 * Outcome of a replayed record that was replayed.
	 */
	public static final String REPLAYED = "replayed";

	/**
	 * Outcome of a replayed record that failed again and went back to the dead-letter
	 * topic.
	 */
	public static final String FAILED_AGAIN = "failed-again";

	/**
	 * Outcome of a record that was not replayed.
	 */
	public static final String SKIPPED = "skipped";

}
