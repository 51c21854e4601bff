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
 * @param notRetryable exception class names, matched against the failure and its causes
 * and their superclasses, that are never retried
 * @author kafka-events
 */
public record HandlerRetry(int attempts, Duration initialInterval, double multiplier, Duration maxInterval,
		List<String> notRetryable) {

	/**
	 * No retry.
	 */
	public static final HandlerRetry NONE = new HandlerRetry(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
			List.of());

	/**
	 * Create a new retry policy.
	 * @param attempts total attempts
	 * @param initialInterval wait before the first retry
	 * @param multiplier factor applied to the wait after each retry
	 * @param maxInterval longest wait
	 * @param notRetryable exception class names never retried
	 */
	public HandlerRetry {
		Assert.isTrue(attempts >= 1, "'attempts' must be at least 1");
		notRetryable = List.copyOf(notRetryable);
	}

	/**
	 * Return whether the given failure may be retried.
	 * @param failure the failure
	 * @return whether it is retryable
	 */
	public boolean isRetryable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (this.notRetryable.contains(type.getName())) {
					return false;
				}
			}
		}
		return true;
	}

}
