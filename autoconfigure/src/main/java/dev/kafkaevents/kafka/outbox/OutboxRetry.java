package dev.kafkaevents.kafka.outbox;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * When a row whose send failed is tried again, and when it is given up as {@code FAILED}:
 * exponential back-off from {@code initialInterval}, at most {@code maxInterval}, until
 * {@code maxAttempts} sends failed or the row is older than {@code maxAge}.
 *
 * @param initialInterval wait after the first failed send
 * @param multiplier factor applied to the wait after each failed send
 * @param maxInterval longest wait
 * @param maxAttempts failed sends after which the row is {@code FAILED}
 * @param maxAge age after which a failed send makes the row {@code FAILED}, or
 * {@code null} for no limit
 * @author kafka-events
 */
public record OutboxRetry(Duration initialInterval, double multiplier, Duration maxInterval, int maxAttempts,
		@Nullable Duration maxAge) {

	/**
	 * Check the settings.
	 * @param initialInterval first wait
	 * @param multiplier factor of the waits
	 * @param maxInterval longest wait
	 * @param maxAttempts attempts before {@code FAILED}
	 * @param maxAge age before {@code FAILED}, or {@code null}
	 */
	public OutboxRetry {
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
	}

	/**
	 * Return whether a row is given up after a failed send.
	 * @param attempts failed sends so far, this one included
	 * @param createdAt when the row was written
	 * @param now the time of the failure
	 * @return whether the row becomes {@code FAILED}
	 */
	boolean givesUp(int attempts, Instant createdAt, Instant now) {
		return attempts >= this.maxAttempts
				|| (this.maxAge != null && Duration.between(createdAt, now).compareTo(this.maxAge) > 0);
	}

	/**
	 * Return when a row is tried again.
	 * @param attempts failed sends so far, this one included
	 * @param now the time of the failure
	 * @return the time of the next attempt
	 */
	Instant nextAttempt(int attempts, Instant now) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, Math.max(0, attempts - 1));
		long wait = (long) Math.min(millis, this.maxInterval.toMillis());
		return now.plusMillis(wait);
	}

}
