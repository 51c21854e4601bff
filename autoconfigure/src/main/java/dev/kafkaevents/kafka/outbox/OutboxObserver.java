package dev.kafkaevents.kafka.outbox;

import java.time.Duration;

/**
 * Told what the outbox does, for metrics.
 *
 * @author kafka-events
 */
public interface OutboxObserver {

	/**
	 * An observer that does nothing.
	 */
	OutboxObserver NONE = new OutboxObserver() {
	};

	/**
	 * A row was written.
	 * @param mappingId the publishing mapping
	 */
	default void written(String mappingId) {
	}

	/**
	 * A row was acknowledged by the broker.
	 * @param mappingId the publishing mapping
	 * @param latency time from writing the row to the acknowledgement
	 */
	default void sent(String mappingId, Duration latency) {
	}

	/**
	 * A send failed.
	 * @param mappingId the publishing mapping
	 * @param givenUp whether the row became {@code FAILED}, rather than waiting for
	 * another attempt
	 */
	default void failed(String mappingId, boolean givenUp) {
	}

}
