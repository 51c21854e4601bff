package dev.kafkaevents.kafka.inbox;

import org.springframework.util.Assert;

/**
 * Name of the inbox table: {@code <prefix>inbox}.
 *
 * @param prefix prefix of the table name
 * @author kafka-events
 */
public record InboxTables(String prefix) {

	/**
	 * Default prefix of the table name.
	 */
	public static final String DEFAULT_PREFIX = "kafka_events_";

	/**
	 * Check the prefix.
	 * @param prefix prefix of the table name
	 */
	public InboxTables {
		Assert.isTrue(prefix.matches("[A-Za-z0-9_.]*"), "'prefix' must contain only letters, digits, '_' and '.'");
	}

	/**
	 * Return the name of the inbox table.
	 * @return the table name
	 */
	public String inbox() {
		return this.prefix + "inbox";
	}

}
