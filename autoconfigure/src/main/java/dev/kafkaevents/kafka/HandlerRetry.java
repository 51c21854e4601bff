package dev.kafkaevents.kafka;

import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

/**
 * How often a consuming mapping tries a record whose handling failed before its failure
 * policy (dead letter, pause or skip) applies, and how long it waits in between.
 *
 * @param attempts total attempts, the first included; 1 means no retry
 * @param initialInterval wait before the first retry
 * @param multiplier factor applied to the wait after each retry
 * @param maxInterval longest wait between two attempts
 * @param notRetryable exception types never retried, matched by spring-kafka's error
 * handler against the failure and its causes, subclasses included
 * @param mode how the waits between attempts are made
 * @author kafka-events
 */
public record HandlerRetry(int attempts, Duration initialInterval, double multiplier, Duration maxInterval,
		List<Class<? extends Exception>> notRetryable, RetryMode mode) {

	/**
	 * No retry.
	 */
	public static final HandlerRetry NONE = new HandlerRetry(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
			List.of(), RetryMode.BLOCKING);

	/**
	 * Create a new retry policy.
	 * @param attempts total attempts
	 * @param initialInterval wait before the first retry
	 * @param multiplier factor applied to the wait after each retry
	 * @param maxInterval longest wait
	 * @param notRetryable exception types never retried
	 * @param mode how the waits between attempts are made
	 */
	public HandlerRetry {
		Assert.isTrue(attempts >= 1, "'attempts' must be at least 1");
		Assert.notNull(mode, "'mode' must not be null");
		notRetryable = List.copyOf(notRetryable);
	}

	/**
	 * Create a new retry policy that waits on the consumer thread.
	 * @param attempts total attempts
	 * @param initialInterval wait before the first retry
	 * @param multiplier factor applied to the wait after each retry
	 * @param maxInterval longest wait
	 * @param notRetryable exception types never retried
	 */
	public HandlerRetry(int attempts, Duration initialInterval, double multiplier, Duration maxInterval,
			List<Class<? extends Exception>> notRetryable) {
		this(attempts, initialInterval, multiplier, maxInterval, notRetryable, RetryMode.BLOCKING);
	}

	/**
	 * Return whether a failed record is attempted again at all.
	 * @return whether {@code attempts} is above 1
	 */
	public boolean retries() {
		return this.attempts > 1;
	}

}
