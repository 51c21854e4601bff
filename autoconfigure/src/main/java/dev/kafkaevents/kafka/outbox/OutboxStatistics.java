package dev.kafkaevents.kafka.outbox;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the outbox holds for one publishing mapping.
 *
 * @param pending rows not sent yet
 * @param failed rows given up as {@code FAILED}
 * @param oldestPendingAge age of the oldest pending row, or {@code null} when none is
 * pending
 * @author kafka-events
 */
public record OutboxStatistics(long pending, long failed, @Nullable Duration oldestPendingAge) {

	/**
	 * Statistics of a mapping without rows.
	 */
	public static final OutboxStatistics EMPTY = new OutboxStatistics(0, 0, null);

}
