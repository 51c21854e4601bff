package dev.kafkaevents.kafka.outbox;

import org.springframework.util.Assert;

/**
 * Names of the outbox tables: {@code <prefix>outbox} holds the rows,
 * {@code <prefix>outbox_lease} the leases of the lanes and the heartbeats of the
 * instances.
 *
 * @param prefix prefix of the table names
 * @author kafka-events
 */
public record OutboxTables(String prefix) {

	/**
	 * Default prefix of the table names.
	 */
	public static final String DEFAULT_PREFIX = "kafka_events_";

	/**
	 * Check the prefix.
	 * @param prefix prefix of the table names
	 */
	public OutboxTables {
		Assert.isTrue(prefix.matches("[A-Za-z0-9_.]*"), "'prefix' must contain only letters, digits, '_' and '.'");
	}

	/**
	 * Return the name of the table of the rows.
	 * @return the table name
	 */
	public String outbox() {
		return this.prefix + "outbox";
	}

	/**
	 * Return the name of the table of the leases.
	 * @return the table name
	 */
	public String lease() {
		return this.prefix + "outbox_lease";
	}

}
