package dev.kafkaevents.kafka.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once effects between two applications through Kafka, across crashes of either:
 * application A ({@code OutboxCrashApplication}) publishes {@value #ROWS} events through
 * its outbox, each in a transaction with its business row; application B
 * ({@link InboxCrashApplication}) consumes them idempotently and inserts a business row
 * per event in its own tables. Each runs in a JVM of its own and is killed with SIGKILL
 * twice mid-stream and started again. At the end B holds exactly one row per committed
 * row of A: no loss, no duplicate.
 *
 * @author kafka-events
 */
class InboxCrashIntegrationTests {

	private static final int ROWS = 20_000;

	private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

	private static final int SIGKILL_EXIT_CODE = 128 + 9;

	private static final String PUBLISHER = "dev.kafkaevents.kafka.outbox.OutboxCrashApplication";

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void consumerHoldsExactlyOneRowPerCommittedRowOfThePublisherAfterTwoSigkillsOfEach(TestDatabase database)
			throws Exception {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("inbox-crash", 3);
		String group = TestKafka.uniqueGroup("inbox-crash");
		String publisherPrefix = TestDatabase.uniquePrefix();
		String consumerPrefix = TestDatabase.uniquePrefix();
		Path directory = Files.createDirectories(Path.of("target", "inbox-crash", topic));
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource(database.url(), database.username(), database.password()));
		InboxApplication.createBusinessTable(jdbc, consumerPrefix);
		IntSupplier published = () -> count(jdbc, publisherPrefix + "business");
		IntSupplier consumed = () -> count(jdbc, consumerPrefix + "business");
		List<Process> processes = new ArrayList<>();
		try {
			Process publisher = start(processes, directory, "a1", PUBLISHER, database, topic, publisherPrefix, "1",
					String.valueOf(ROWS));
			Process consumer = start(processes, directory, "b1", InboxCrashApplication.class.getName(), database, topic,
					group, consumerPrefix);
			publisher = killWhen(publisher, published, ROWS / 4, () -> start(processes, directory, "a2", PUBLISHER,
					database, topic, publisherPrefix, "2", String.valueOf(ROWS)));
			consumer = killWhen(consumer, consumed, ROWS / 5, () -> start(processes, directory, "b2",
					InboxCrashApplication.class.getName(), database, topic, group, consumerPrefix));
			publisher = killWhen(publisher, published, ROWS * 3 / 5, () -> start(processes, directory, "a3", PUBLISHER,
					database, topic, publisherPrefix, "3", String.valueOf(ROWS)));
			consumer = killWhen(consumer, consumed, ROWS / 2, () -> start(processes, directory, "b3",
					InboxCrashApplication.class.getName(), database, topic, group, consumerPrefix));
			Process lastPublisher = publisher;
			Process lastConsumer = consumer;
			await().atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
				assertThat(lastPublisher.isAlive()).isTrue();
				assertThat(lastConsumer.isAlive()).isTrue();
				return published.getAsInt() == ROWS && pendingRows(jdbc, publisherPrefix) == 0
						&& committed(group) == TestKafka.recordCount(topic);
			});
		}
		finally {
			processes.forEach(Process::destroyForcibly);
		}
		Set<String> committedRows = new HashSet<>(
				jdbc.queryForList("SELECT CONCAT(run, ':', id) FROM " + publisherPrefix + "business", String.class));
		List<String> consumedRows = jdbc.queryForList("SELECT event FROM " + consumerPrefix + "business", String.class);
		System.out.printf(
				"Inbox crash on %s: %d rows committed by A, %d records in Kafka, %d rows in B, " + "%d distinct%n",
				database, committedRows.size(), TestKafka.recordCount(topic), consumedRows.size(),
				new HashSet<>(consumedRows).size());
		assertThat(committedRows).hasSize(ROWS);
		assertThat(consumedRows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(committedRows);
	}

	private static Process killWhen(Process process, IntSupplier rows, int threshold, ProcessStart next)
			throws Exception {
		await().atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
			assertThat(process.isAlive()).isTrue();
			return rows.getAsInt() >= threshold;
		});
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(SIGKILL_EXIT_CODE);
		return next.start();
	}

	private static Process start(List<Process> processes, Path directory, String name, String mainClass,
			TestDatabase database, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(List.of(database.url(), database.username(), database.password(), TestKafka.brokers()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve(name + ".log").toFile())
			.start();
		processes.add(process);
		return process;
	}

	private static long committed(String group) {
		return TestKafka.committedOffsets(group).values().stream().mapToLong(Long::longValue).sum();
	}

	private static int count(JdbcTemplate jdbc, String table) {
		try {
			Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
			return (rows != null) ? rows : 0;
		}
		catch (BadSqlGrammarException ex) {
			return 0;
		}
	}

	private static int pendingRows(JdbcTemplate jdbc, String prefix) {
		Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox WHERE status = 'PENDING'",
				Integer.class);
		return (rows != null) ? rows : 0;
	}

	/**
	 * Starts the next process.
	 */
	@FunctionalInterface
	private interface ProcessStart {

		Process start() throws Exception;

	}

}
