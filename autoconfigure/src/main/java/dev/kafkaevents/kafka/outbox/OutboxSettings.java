package dev.kafkaevents.kafka.outbox;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the outbox dispatches its rows.
 *
 * @param lanes number of lanes the rows are spread over by record key; every instance
 * must use the same number
 * @param batchSize most rows read and sent in one round
 * @param pollInterval longest wait between two rounds when no commit wakes the dispatcher
 * up
 * @param leaseDuration how long a lane stays with an instance that stops renewing it
 * @param sendTimeout longest wait for the broker's acknowledgements of one round
 * @param instanceId id of this instance in the lease table
 * @param sentRetention how long sent rows are kept, marked {@code SENT}; zero deletes
 * them once sent
 * @param cleanupInterval interval of the deletion of sent rows past their retention
 * @author kafka-events
 */
public record OutboxSettings(int lanes, int batchSize, Duration pollInterval, Duration leaseDuration,
		Duration sendTimeout, String instanceId, Duration sentRetention, Duration cleanupInterval) {

	/**
	 * Check the settings.
	 * @param lanes number of lanes
	 * @param batchSize rows per round
	 * @param pollInterval wait between rounds
	 * @param leaseDuration lease of a lane
	 * @param sendTimeout wait for acknowledgements
	 * @param instanceId id of this instance
	 * @param sentRetention retention of sent rows
	 * @param cleanupInterval interval of the cleanup
	 */
	public OutboxSettings {
		Assert.isTrue(lanes > 0, "'lanes' must be positive");
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		Assert.isTrue(leaseDuration.compareTo(sendTimeout.multipliedBy(2)) > 0,
				"'leaseDuration' must be more than twice 'sendTimeout'");
		Assert.hasText(instanceId, "'instanceId' must not be empty");
	}

}
