package dev.kafkaevents.kafka.outbox;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash of a publishing application: {@link OutboxCrashApplication} runs in a JVM of its
 * own, publishing {@value #ROWS} events each in a transaction with its business row, is
 * killed with SIGKILL mid-stream and started again. Every committed business row must
 * have its event in Kafka (at least once: duplicates are reported), and no event may
 * exist for a row that was not committed. Runs on PostgreSQL, else MariaDB, else an H2
 * file database.
 *
 * @author kafka-events
 */
class OutboxCrashIntegrationTests {

	private static final int ROWS = 20_000;

	private static final int KILL_AFTER = 6_000;

	private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

	private static final int SIGKILL_EXIT_CODE = 128 + 9;

	private static final JsonMapper json = new JsonMapper();

	@Test
	void everyCommittedRowHasItsEventAfterASigkillAndNoUncommittedRowHasOne() throws Exception {
		String[] database = database();
		String topic = TestKafka.createTopic("outbox-crash", 3);
		String prefix = TestDatabase.uniquePrefix();
		Path directory = Files.createDirectories(Path.of("target", "outbox-crash", topic));
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database[0], database[1], database[2]));
		Process first = start(database, topic, prefix, 1, directory.resolve("first.log"));
		try {
			await().atMost(PROCESS_TIMEOUT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> alive(first) && businessRows(jdbc, prefix) >= KILL_AFTER);
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(first.exitValue()).isEqualTo(SIGKILL_EXIT_CODE);
		}
		finally {
			first.destroyForcibly();
		}
		int committedByFirst = businessRows(jdbc, prefix);
		assertThat(committedByFirst).isBetween(KILL_AFTER, ROWS - 1);
		long inKafkaAtKill = TestKafka.recordCount(topic);
		Process second = start(database, topic, prefix, 2, directory.resolve("second.log"));
		try {
			await().atMost(PROCESS_TIMEOUT).until(() -> {
				assertThat(alive(second)).isTrue();
				return businessRows(jdbc, prefix) == ROWS && pendingRows(jdbc, prefix) == 0;
			});
			second.destroy();
			second.waitFor(30, TimeUnit.SECONDS);
		}
		finally {
			second.destroyForcibly();
		}
		Set<String> committed = new HashSet<>(
				jdbc.queryForList("SELECT CONCAT(run, ':', id) FROM " + prefix + "business", String.class));
		List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, (int) TestKafka.recordCount(topic));
		Map<String, Integer> events = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			JsonNode value = json.readTree(record.value());
			events.merge(value.get("value").asString(), 1, Integer::sum);
		}
		int duplicates = records.size() - events.size();
		System.out.printf(
				"Outbox crash: %d business rows, %d committed before the SIGKILL (%d events in Kafka then), "
						+ "%d records in Kafka, %d distinct events, %d duplicates%n",
				committed.size(), committedByFirst, inKafkaAtKill, records.size(), events.size(), duplicates);
		assertThat(committed).hasSize(ROWS);
		assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(committed);
	}

	private static String[] database() {
		for (TestDatabase database : List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) {
			if (database.isAvailable()) {
				return new String[] { database.url(), database.username(), database.password() };
			}
		}
		String file = new File("target/outbox-crash/h2-" + TestDatabase.uniquePrefix()).getAbsolutePath();
		return new String[] { "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "" };
	}

	private static Process start(String[] database, String topic, String prefix, int run, Path log) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(OutboxCrashApplication.class.getName());
		command.addAll(List.of(database[0], database[1], database[2], TestKafka.brokers(), topic, prefix,
				String.valueOf(run), String.valueOf(ROWS)));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static boolean alive(Process process) {
		return process.isAlive();
	}

	private static int businessRows(JdbcTemplate jdbc, String prefix) {
		try {
			Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "business", Integer.class);
			return (rows != null) ? rows : 0;
		}
		catch (org.springframework.jdbc.BadSqlGrammarException ex) {
			return 0;
		}
	}

	private static int pendingRows(JdbcTemplate jdbc, String prefix) {
		Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox WHERE status = 'PENDING'",
				Integer.class);
		return (rows != null) ? rows : 0;
	}

}
