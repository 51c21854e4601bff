package dev.kafkaevents.autoconfigure.inbox;

import java.time.Duration;

import dev.kafkaevents.autoconfigure.jdbc.DatabaseSchemaProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the inbox shared by every idempotent consuming mapping
 * ({@code idempotent: true}); the schema properties work as those of Spring Boot's own
 * schemas.
 *
 * @author kafka-events
 */
@ConfigurationProperties("events.modules.kafka.inbox")
public class KafkaEventsInboxProperties extends DatabaseSchemaProperties {

	/**
	 * Location of the SQL script that creates the inbox table; {@code @@platform@@}
	 * stands for the database platform.
	 */
	private String schema = "classpath:dev/kafkaevents/kafka/inbox/schema-@@platform@@.sql";

	/**
	 * How long the inbox remembers a handled record. A record delivered again later (a
	 * replay, a reset of the group's offsets, an old redelivery) runs its handlers again.
	 */
	private Duration retention = Duration.ofDays(7);

	/**
	 * Interval of the deletion of the rows past their retention, and of the count of the
	 * rows per mapping that the meters show.
	 */
	private Duration cleanupInterval = Duration.ofMinutes(1);

	@Override
	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Duration getCleanupInterval() {
		return this.cleanupInterval;
	}

	public void setCleanupInterval(Duration cleanupInterval) {
		this.cleanupInterval = cleanupInterval;
	}

}
