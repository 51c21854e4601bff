package dev.kafkaevents.autoconfigure.outbox;

import javax.sql.DataSource;

import dev.kafkaevents.autoconfigure.jdbc.PrefixedSchemaInitializer;

/**
 * Creates the outbox tables as Spring Boot initialises its own schemas
 * ({@code initialize-schema}), with the configured table prefix.
 *
 * @author kafka-events
 */
public class OutboxSchemaInitializer extends PrefixedSchemaInitializer {

	/**
	 * Create a new initializer.
	 * @param dataSource the application's data source
	 * @param properties the outbox properties
	 */
	public OutboxSchemaInitializer(DataSource dataSource, KafkaEventsOutboxProperties properties) {
		super(dataSource, properties);
	}

}
