package dev.kafkaevents.kafka.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.inbox.KafkaEventsInboxProperties;
import dev.kafkaevents.autoconfigure.jdbc.PrefixedSchemaInitializer;
import dev.kafkaevents.test.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InboxMaintenance} and {@link InboxRepository} on H2, PostgreSQL and
 * MariaDB: rows older than the retention are deleted, the others counted per mapping, and
 * a message id is unique per consumer group.
 *
 * @author kafka-events
 */
class InboxMaintenanceTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void cleanUpDeletesTheRowsPastTheRetentionAndCountsTheOthers(TestDatabase database) {
		database.assumeAvailable();
		InboxRepository repository = repository(database);
		repository.insert("group", "app.payments", List.of("old-1", "old-2"), NOW.minus(Duration.ofDays(8)));
		repository.insert("group", "app.payments", List.of("new-1"), NOW.minus(Duration.ofDays(6)));
		repository.insert("other", "app.refunds", List.of("old-1"), NOW);
		InboxMaintenance maintenance = new InboxMaintenance(repository, Duration.ofDays(7), Duration.ofMinutes(1),
				Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(maintenance.sizes()).isEmpty();
		assertThat(maintenance.cleanUp()).isEqualTo(2);
		assertThat(maintenance.sizes()).isEqualTo(Map.of("app.payments", 1L, "app.refunds", 1L));
		assertThat(repository.existing("group", List.of("old-1", "old-2", "new-1"))).containsExactly("new-1");
		assertThat(repository.existing("other", List.of("old-1"))).containsExactly("old-1");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMessageIdIsUniquePerGroup(TestDatabase database) {
		database.assumeAvailable();
		InboxRepository repository = repository(database);
		repository.insert("group", "app.payments", List.of("id-1"), NOW);
		repository.insert("another-group", "app.audit", List.of("id-1"), NOW);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> repository.insert("group", "app.payments", List.of("id-1"), NOW));
		assertThat(repository.size("app.payments")).isOne();
	}

	private static InboxRepository repository(TestDatabase database) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
				database.password());
		KafkaEventsInboxProperties properties = new KafkaEventsInboxProperties();
		properties.setTablePrefix(TestDatabase.uniquePrefix());
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		properties.setContinueOnError(false);
		new PrefixedSchemaInitializer(dataSource, properties).initializeDatabase();
		return new InboxRepository(new JdbcTemplate(dataSource), new InboxTables(properties.getTablePrefix()));
	}

}
