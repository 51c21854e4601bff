package dev.kafkaevents.autoconfigure.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.StreamUtils;
import org.springframework.util.StringUtils;

/**
 * Creates tables of kafka-events from the schema script of the database's platform
 * (MariaDB uses MySQL's), as Spring Boot initialises its own schemas
 * ({@code initialize-schema}), with the configured table prefix in place of
 * {@code kafka_events_}.
 *
 * @author kafka-events
 */
public class PrefixedSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	private static final String DEFAULT_PREFIX = "kafka_events_";

	private final String tablePrefix;

	/**
	 * Create a new initializer.
	 * @param dataSource the application's data source
	 * @param properties the schema properties
	 */
	public PrefixedSchemaInitializer(DataSource dataSource, DatabaseSchemaProperties properties) {
		super(dataSource, settings(dataSource, properties));
		this.tablePrefix = properties.getTablePrefix();
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseSchemaProperties properties) {
		PlatformPlaceholderDatabaseDriverResolver platforms = new PlatformPlaceholderDatabaseDriverResolver()
			.withDriverPlatform(DatabaseDriver.MARIADB, "mysql");
		String platform = properties.getPlatform();
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings
			.setSchemaLocations(StringUtils.hasText(platform) ? platforms.resolveAll(platform, properties.getSchema())
					: platforms.resolveAll(dataSource, properties.getSchema()));
		settings.setMode(properties.getInitializeSchema());
		settings.setContinueOnError(properties.isContinueOnError());
		return settings;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
		populator.setContinueOnError(scripts.isContinueOnError());
		populator.setSeparator(scripts.getSeparator());
		for (Resource resource : scripts) {
			populator.addScript(withPrefix(resource));
		}
		DatabasePopulatorUtils.execute(populator, getDataSource());
	}

	private Resource withPrefix(Resource resource) {
		try {
			String script = StreamUtils.copyToString(resource.getInputStream(), StandardCharsets.UTF_8);
			String prefixed = script.replace(DEFAULT_PREFIX, this.tablePrefix);
			return new ByteArrayResource(prefixed.getBytes(StandardCharsets.UTF_8), resource.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the schema " + resource, ex);
		}
	}

}
