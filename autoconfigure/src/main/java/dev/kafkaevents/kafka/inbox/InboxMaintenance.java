package dev.kafkaevents.kafka.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Deletes the inbox rows older than the retention ({@code inbox.retention}) every cleanup
 * interval, and counts the rows of each mapping at the same time for the meters.
 *
 * @author kafka-events
 */
public class InboxMaintenance implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InboxMaintenance.class);

	private final InboxRepository repository;

	private final Duration retention;

	private final Duration interval;

	private final Clock clock;

	private volatile Map<String, Long> sizes = Map.of();

	private volatile ScheduledExecutorService executor;

	/**
	 * Create a new instance.
	 * @param repository the rows
	 * @param retention how long rows are kept
	 * @param interval interval of the deletions
	 * @param clock the clock
	 */
	public InboxMaintenance(InboxRepository repository, Duration retention, Duration interval, Clock clock) {
		Assert.notNull(repository, "'repository' must not be null");
		Assert.isTrue(!retention.isNegative() && !retention.isZero(), "'retention' must be positive");
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		this.repository = repository;
		this.retention = retention;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Delete the rows past their retention and count the others.
	 * @return the number of rows deleted
	 */
	public int cleanUp() {
		int deleted = this.repository.deleteReceivedBefore(this.clock.instant().minus(this.retention));
		this.sizes = Map.copyOf(this.repository.sizes());
		return deleted;
	}

	/**
	 * Return the number of rows of each mapping at the latest cleanup.
	 * @return the counts by mapping id
	 */
	public Map<String, Long> sizes() {
		return this.sizes;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kafka-events-inbox-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::cleanUpQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void cleanUpQuietly() {
		try {
			int deleted = cleanUp();
			if (deleted > 0) {
				logger.debug("Deleted " + deleted + " inbox rows older than " + this.retention);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the inbox rows older than " + this.retention + ": " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
