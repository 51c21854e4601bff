package dev.kafkaevents.kafka.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.Assert;

/**
 * Sends the outbox rows of the lanes this instance holds, on a thread of its own: a round
 * at once when a commit {@link #wakeUp() wakes it up}, otherwise every
 * {@code pollInterval}, which also picks up rows left by a crash or by an instance that
 * died. Between rounds it renews its lane leases, and every {@code cleanupInterval}
 * deletes the sent rows past their retention. On stop it finishes the round in progress
 * and gives its lanes up, so that another instance takes them over at once.
 * <p>
 * Runs in {@link #PHASE}, after the publishing bridges start and before they stop.
 *
 * @author kafka-events
 */
public class OutboxDispatcher implements SmartLifecycle {

	/**
	 * Lifecycle phase of the dispatcher: within the publishing bridges'.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4000;

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.class);

	private final OutboxRepository repository;

	private final OutboxSettings settings;

	private final LaneLeases leases;

	private final OutboxRound round;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	private Instant cleanupAt = Instant.MIN;

	/**
	 * Create a new dispatcher.
	 * @param repository the rows
	 * @param templates the template of each outbox-backed mapping, by mapping id
	 * @param jdbc the JDBC operations on the lease table
	 * @param tables the table names
	 * @param settings the dispatch settings
	 * @param retry the retry policy of failed sends
	 * @param observer told of each sent and failed row
	 * @param clock the clock of the row and lease times
	 */
	public OutboxDispatcher(OutboxRepository repository,
			Function<String, @Nullable KafkaTemplate<byte[], byte[]>> templates, JdbcOperations jdbc,
			OutboxTables tables, OutboxSettings settings, OutboxRetry retry, OutboxObserver observer, Clock clock) {
		Assert.notNull(repository, "'repository' must not be null");
		Assert.notNull(templates, "'templates' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.repository = repository;
		this.settings = settings;
		this.leases = new LaneLeases(jdbc, tables, settings);
		this.round = new OutboxRound(repository, templates, settings, retry, observer, clock);
		this.clock = clock;
	}

	/**
	 * Run a round as soon as possible.
	 */
	public void wakeUp() {
		this.wakeUps.release();
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.leases.createLanes(this.clock.instant());
		this.running = true;
		Thread dispatcher = new Thread(this::dispatch, "kafka-events-outbox");
		dispatcher.setDaemon(true);
		this.thread = dispatcher;
		dispatcher.start();
	}

	private void dispatch() {
		while (this.running) {
			try {
				boolean more = runRound();
				if (!more) {
					awaitWakeUp();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Kafka events outbox round failed, trying again in %s: %s",
						this.settings.pollInterval(), ex), ex);
				pause();
			}
		}
	}

	private boolean runRound() {
		Instant now = this.clock.instant();
		cleanUp(now);
		Set<Integer> lanes = this.leases.lanes(now, this.settings.sendTimeout());
		return !lanes.isEmpty() && this.round.run(lanes);
	}

	private void awaitWakeUp() throws InterruptedException {
		if (this.wakeUps.tryAcquire(this.settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
			this.wakeUps.drainPermits();
		}
	}

	private void pause() {
		try {
			awaitWakeUp();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private void cleanUp(Instant now) {
		if (this.settings.sentRetention().isZero() || now.isBefore(this.cleanupAt)) {
			return;
		}
		this.cleanupAt = now.plus(this.settings.cleanupInterval());
		int deleted = this.repository.deleteSentBefore(now.minus(this.settings.sentRetention()));
		logger.debug(LogMessage.format("Kafka events outbox deleted %d sent rows", deleted));
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.wakeUps.release();
		Thread dispatcher = this.thread;
		if (dispatcher != null) {
			try {
				dispatcher.join(this.settings.sendTimeout().multipliedBy(2).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			this.leases.releaseAll();
		}
		catch (RuntimeException ex) {
			logger.warn("Kafka events outbox could not give its lanes up; they expire with their leases", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
