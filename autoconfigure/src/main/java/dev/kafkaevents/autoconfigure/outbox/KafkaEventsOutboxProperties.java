package dev.kafkaevents.autoconfigure.outbox;

import java.time.Duration;

import dev.kafkaevents.autoconfigure.jdbc.DatabaseSchemaProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the transactional outbox shared by every outbox-backed
 * publishing mapping ({@code outbox: true}); the schema properties ({@code schema},
 * {@code platform}, {@code initialize-schema}, {@code continue-on-error}) work as those
 * of Spring Boot's own schemas.
 *
 * @author kafka-events
 */
@ConfigurationProperties("events.modules.kafka.outbox")
public class KafkaEventsOutboxProperties extends DatabaseSchemaProperties {

	/**
	 * Location of the SQL script that creates the outbox tables; {@code @@platform@@}
	 * stands for the database platform.
	 */
	private String schema = "classpath:dev/kafkaevents/kafka/outbox/schema-@@platform@@.sql";

	/**
	 * Number of lanes the rows are spread over by topic and record key; the unit of work
	 * an instance leases. Every instance must use the same number.
	 */
	private int lanes = 16;

	/**
	 * Most rows read and sent in one dispatch round.
	 */
	private int batchSize = 500;

	/**
	 * Longest wait between two dispatch rounds when no commit wakes the dispatcher up:
	 * how soon rows left by a crash, or written by another instance into a lane this one
	 * holds, are sent.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * How long a lane stays with an instance that stops renewing it; after that another
	 * instance takes it over. Renewed every third of it.
	 */
	private Duration leaseDuration = Duration.ofSeconds(30);

	/**
	 * Longest wait for the broker's acknowledgements of one round; a row not acknowledged
	 * by then counts as a failed send. Less than half the lease duration.
	 */
	private Duration sendTimeout = Duration.ofSeconds(10);

	/**
	 * Id of this application instance in the lease table. Unset means a random id per
	 * start.
	 */
	private @Nullable String instanceId;

	/**
	 * How long sent rows are kept, marked SENT; zero deletes each row once the broker
	 * acknowledged it.
	 */
	private Duration sentRetention = Duration.ZERO;

	/**
	 * Interval of the deletion of the sent rows past their retention.
	 */
	private Duration cleanupInterval = Duration.ofMinutes(1);

	/**
	 * Retry of failed sends.
	 */
	private final Retry retry = new Retry();

	/**
	 * Health of the outbox.
	 */
	private final Health health = new Health();

	@Override
	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public int getLanes() {
		return this.lanes;
	}

	public void setLanes(int lanes) {
		this.lanes = lanes;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getLeaseDuration() {
		return this.leaseDuration;
	}

	public void setLeaseDuration(Duration leaseDuration) {
		this.leaseDuration = leaseDuration;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getSentRetention() {
		return this.sentRetention;
	}

	public void setSentRetention(Duration sentRetention) {
		this.sentRetention = sentRetention;
	}

	public Duration getCleanupInterval() {
		return this.cleanupInterval;
	}

	public void setCleanupInterval(Duration cleanupInterval) {
		this.cleanupInterval = cleanupInterval;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Retry of failed sends: exponential back-off, then FAILED.
	 */
	public static class Retry {

		/**
		 * Wait before the second attempt of a row whose send failed.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the wait after each failed send.
		 */
		private double multiplier = 2;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofMinutes(5);

		/**
		 * Failed sends after which a row becomes FAILED.
		 */
		private int maxAttempts = 20;

		/**
		 * Age after which a failed send makes a row FAILED at once. Unset means no age
		 * limit.
		 */
		private @Nullable Duration maxAge;

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * Health of the outbox.
	 */
	public static class Health {

		/**
		 * Age of the oldest pending row above which the outbox health reports the status
		 * below.
		 */
		private Duration pendingAgeThreshold = Duration.ofMinutes(5);

		/**
		 * Status reported while the oldest pending row is older than the threshold.
		 */
		private String status = "DOWN";

		public Duration getPendingAgeThreshold() {
			return this.pendingAgeThreshold;
		}

		public void setPendingAgeThreshold(Duration pendingAgeThreshold) {
			this.pendingAgeThreshold = pendingAgeThreshold;
		}

		public String getStatus() {
			return this.status;
		}

		public void setStatus(String status) {
			this.status = status;
		}

	}

}
