package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts the listener container of a consuming mapping, and keeps trying while none of
 * its brokers' host names resolves: the Kafka consumer refuses to be created then, where
 * every other connection problem lets it start and retry on its own. Like those, it does
 * not stop the application from starting.
 *
 * @author kafka-events
 */
final class ContainerStarter {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

	private final ConsumingMapping mapping;

	private final MessageListenerContainer container;

	private final Duration retryInterval;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ScheduledFuture<?> retry;

	private volatile boolean wanted;

	private volatile boolean waiting;

	ContainerStarter(ConsumingMapping mapping, MessageListenerContainer container) {
		this(mapping, container, RETRY_INTERVAL);
	}

	ContainerStarter(ConsumingMapping mapping, MessageListenerContainer container, Duration retryInterval) {
		this.mapping = mapping;
		this.container = container;
		this.retryInterval = retryInterval;
	}

	/**
	 * Start the container now, or, if its brokers do not resolve, every retry interval
	 * until they do or {@link #cancel()} is called.
	 */
	synchronized void start() {
		cancel();
		this.wanted = true;
		tryStart(false);
	}

	private synchronized void tryStart(boolean retrying) {
		this.retry = null;
		this.waiting = false;
		if (!this.wanted) {
			return;
		}
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			this.container.stop();
			ConfigException unresolvable = unresolvableBrokers(ex);
			if (unresolvable == null && !retrying) {
				throw ex;
			}
			if (unresolvable == null) {
				logger.error(LogPrefix.of(this.mapping) + "could not start its consumers; giving up", ex);
				return;
			}
			logger.error(LogPrefix.of(this.mapping) + "cannot resolve any of the brokers " + this.mapping.brokers()
					+ " (" + unresolvable.getMessage() + "); retrying in " + this.retryInterval.toSeconds() + "s");
			this.waiting = true;
			this.retry = scheduler().schedule(() -> tryStart(true), this.retryInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Return whether the container waits for its brokers to resolve.
	 * @return whether a start is pending
	 */
	boolean isWaiting() {
		return this.waiting;
	}

	/**
	 * Stop trying to start the container.
	 */
	synchronized void cancel() {
		this.wanted = false;
		this.waiting = false;
		if (this.retry != null) {
			this.retry.cancel(false);
			this.retry = null;
		}
	}

	/**
	 * Stop trying and release the retry thread.
	 */
	synchronized void close() {
		cancel();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	private ScheduledExecutorService scheduler() {
		if (this.scheduler == null) {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "kafka-events-" + this.mapping.id() + "-start");
				thread.setDaemon(true);
				return thread;
			});
			scheduler.setRemoveOnCancelPolicy(true);
			this.scheduler = scheduler;
		}
		return this.scheduler;
	}

	private static @Nullable ConfigException unresolvableBrokers(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigException config
					&& String.valueOf(config.getMessage()).startsWith("No resolvable bootstrap urls")) {
				return config;
			}
		}
		return null;
	}

}
