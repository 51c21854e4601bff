package dev.kafkaevents.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.kafkaevents.kafka.outbox.OutboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of the transactional outbox: {@code UP} while no pending row is older than the
 * threshold, otherwise the configured status ({@code DOWN} by default); the details show
 * the pending and failed rows and the age of the oldest pending row per mapping.
 *
 * @author kafka-events
 */
public class KafkaEventsOutboxHealthIndicator extends AbstractHealthIndicator {

	private final OutboxRepository repository;

	private final Duration threshold;

	private final Status status;

	private final Clock clock;

	/**
	 * Create a new indicator.
	 * @param repository the outbox rows
	 * @param threshold age of the oldest pending row above which the status is reported
	 * @param status the status reported above the threshold
	 * @param clock the clock the ages are measured with
	 */
	public KafkaEventsOutboxHealthIndicator(OutboxRepository repository, Duration threshold, Status status,
			Clock clock) {
		super("Kafka events outbox health check failed");
		Assert.notNull(repository, "'repository' must not be null");
		Assert.notNull(threshold, "'threshold' must not be null");
		Assert.notNull(status, "'status' must not be null");
		this.repository = repository;
		this.threshold = threshold;
		this.status = status;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, OutboxStatistics> statistics = new TreeMap<>(this.repository.statistics(this.clock.instant()));
		boolean late = statistics.values()
			.stream()
			.anyMatch((mapping) -> mapping.oldestPendingAge() != null
					&& mapping.oldestPendingAge().compareTo(this.threshold) > 0);
		builder.status(late ? this.status : Status.UP).withDetail("threshold", this.threshold.toString());
		statistics.forEach((mapping, value) -> builder.withDetail(mapping, Map.of("pending", value.pending(), "failed",
				value.failed(), "oldestPendingAge", String.valueOf(value.oldestPendingAge()))));
	}

}
