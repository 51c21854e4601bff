package dev.kafkaevents.autoconfigure.jdbc;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Schema properties of a group of kafka-events tables ({@code schema}, {@code platform},
 * {@code initialize-schema}, {@code continue-on-error}, {@code table-prefix}), which work
 * as those of Spring Boot's own schemas.
 *
 * @author kafka-events
 */
public abstract class DatabaseSchemaProperties {

	/**
	 * Platform in the schema location's {@code @@platform@@} placeholder. Detected from
	 * the DataSource by default.
	 */
	private @Nullable String platform;

	/**
	 * When the tables are created: in an embedded database only, always, or never.
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * Whether the schema initialization goes on when a statement of the script fails.
	 */
	private boolean continueOnError = true;

	/**
	 * Prefix of the table names, applied to the schema script too.
	 */
	private String tablePrefix = "kafka_events_";

	/**
	 * Return the location of the schema script.
	 * @return the location, with {@code @@platform@@} for the platform
	 */
	public abstract String getSchema();

	public @Nullable String getPlatform() {
		return this.platform;
	}

	public void setPlatform(@Nullable String platform) {
		this.platform = platform;
	}

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public boolean isContinueOnError() {
		return this.continueOnError;
	}

	public void setContinueOnError(boolean continueOnError) {
		this.continueOnError = continueOnError;
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

}
