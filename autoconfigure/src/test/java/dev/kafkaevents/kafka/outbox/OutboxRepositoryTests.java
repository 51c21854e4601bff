package dev.kafkaevents.kafka.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.kafkaevents.autoconfigure.outbox.KafkaEventsOutboxProperties;
import dev.kafkaevents.autoconfigure.outbox.OutboxSchemaInitializer;
import dev.kafkaevents.test.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch query of {@link OutboxRepository} on H2, PostgreSQL and MariaDB: the
 * pending rows of the requested lanes only, in id order, up to the limit, past rows kept
 * as {@code SENT}.
 *
 * @author kafka-events
 */
class OutboxRepositoryTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void pendingReturnsTheFirstPendingRowsOfTheRequestedLanesInIdOrder(TestDatabase database) {
		database.assumeAvailable();
		String prefix = TestDatabase.uniquePrefix();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
				database.password());
		KafkaEventsOutboxProperties properties = new KafkaEventsOutboxProperties();
		properties.setTablePrefix(prefix);
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		new OutboxSchemaInitializer(dataSource, properties).initializeDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		OutboxTables tables = new OutboxTables(prefix);
		try {
			OutboxRepository repository = new OutboxRepository(jdbc, tables);
			Instant now = Instant.now();
			for (int i = 0; i < 400; i++) {
				repository.insert("event-" + i, "instance.mapping", i % 4, "topic", null,
						("value-" + i).getBytes(StandardCharsets.UTF_8), new byte[0], now);
			}
			List<Long> ids = jdbc.queryForList("SELECT id FROM " + tables.outbox() + " ORDER BY id", Long.class);
			repository.sent(ids.subList(0, 100), true, now);
			List<Long> expected = new ArrayList<>();
			for (int i = 100; i < 400 && expected.size() < 50; i++) {
				if (i % 4 == 1 || i % 4 == 3) {
					expected.add(ids.get(i));
				}
			}
			assertThat(repository.pending(Set.of(1, 3), 50)).extracting(OutboxRow::id)
				.containsExactlyElementsOf(expected);
			assertThat(repository.pending(Set.of(0, 1, 2, 3), 1000)).extracting(OutboxRow::id)
				.containsExactlyElementsOf(ids.subList(100, 400));
			assertThat(repository.pending(Set.of(2), 1)).singleElement()
				.satisfies((row) -> assertThat(new String(row.value(), StandardCharsets.UTF_8)).isEqualTo("value-102"));
		}
		finally {
			jdbc.execute("DROP TABLE " + tables.outbox());
			jdbc.execute("DROP TABLE " + tables.lease());
		}
	}

}
