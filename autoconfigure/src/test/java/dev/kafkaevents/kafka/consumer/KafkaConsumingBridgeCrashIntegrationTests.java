package dev.kafkaevents.kafka.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash recovery of a consuming application: {@link IdRecordingApplication} runs in a JVM
 * of its own, is killed with SIGKILL in the middle of 50 000 records, and is started
 * again; every record must have been handled at least once, and only records after the
 * offsets committed before the kill may be handled twice.
 *
 * @author kafka-events
 */
class KafkaConsumingBridgeCrashIntegrationTests {

	private static final int RECORDS = 50_000;

	private static final int PARTITIONS = 3;

	private static final int KILL_AFTER = 20_000;

	private static final int MAX_POLL_RECORDS = 500;

	private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

	private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(1);

	private static final long HANDLING_MICROS = 20;

	private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

	private static final int SIGKILL_EXIT_CODE = 128 + 9;

	@Test
	void withAutoCommitFalseEveryRecordIsHandledAtLeastOnceAndOnlyThePollInHandComesAgain() throws Exception {
		Crash crash = crashAndRestart(Commits.SYNCHRONOUS_AFTER_EACH_POLL);
		crash.report();
		crash.assertEveryRecordHandled();
		crash.assertOnlyRecordsAfterTheCommittedOffsetsCameAgain();
		assertThat(crash.duplicates()).hasSizeLessThanOrEqualTo(MAX_POLL_RECORDS);
	}

	@Test
	void withAutoCommitTrueEveryRecordIsHandledAtLeastOnceAndOnlyAboutThePollInHandComesAgainNowThatItCommitsAfterEachPoll()
			throws Exception {
		Crash crash = crashAndRestart(Commits.ASYNCHRONOUS_AFTER_EACH_POLL);
		crash.report();
		crash.assertEveryRecordHandled();
		crash.assertOnlyRecordsAfterTheCommittedOffsetsCameAgain();
		assertThat(crash.duplicates()).hasSizeLessThanOrEqualTo(2 * MAX_POLL_RECORDS);
	}

	@Test
	void withAnAutoCommitIntervalEveryRecordIsHandledAtLeastOnceAndOnlyTheLastCommitIntervalComesAgain()
			throws Exception {
		Crash crash = crashAndRestart(Commits.PERIODIC);
		crash.report();
		crash.assertEveryRecordHandled();
		crash.assertOnlyRecordsAfterTheCommittedOffsetsCameAgain();
		assertThat(crash.oldestDuplicateAge()).isLessThanOrEqualTo(COMMIT_INTERVAL.plus(SCHEDULING_SLACK));
	}

	private Crash crashAndRestart(Commits commits) throws Exception {
		String topic = TestKafka.createTopic("crash", PARTITIONS);
		String group = TestKafka.uniqueGroup("crash");
		Path directory = Files.createDirectories(Path.of("target", "crash-recovery", topic));
		long[] offsets = produce(topic);
		Path firstIds = directory.resolve("first.ids");
		Path secondIds = directory.resolve("second.ids");
		Process first = start(topic, group, commits, firstIds, directory.resolve("first.log"));
		try {
			await().atMost(PROCESS_TIMEOUT)
				.until(() -> alive(first) && read(firstIds).size() >= KILL_AFTER
						&& TestKafka.committedOffsets(group).values().stream().mapToLong(Long::longValue).sum() > 0);
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(first.exitValue()).isEqualTo(SIGKILL_EXIT_CODE);
		}
		finally {
			first.destroyForcibly();
		}
		Map<TopicPartition, Long> committed = TestKafka.committedOffsets(group);
		List<Handled> beforeKill = read(firstIds);
		Set<Integer> handled = beforeKill.stream().map(Handled::id).collect(Collectors.toCollection(HashSet::new));
		assertThat(handled).hasSizeBetween(KILL_AFTER, RECORDS - 1);
		Process second = start(topic, group, commits, secondIds, directory.resolve("second.log"));
		try {
			await().atMost(PROCESS_TIMEOUT).until(() -> {
				assertThat(alive(second)).isTrue();
				read(secondIds).forEach((record) -> handled.add(record.id()));
				return handled.size() == RECORDS;
			});
			second.destroy();
			assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			second.destroyForcibly();
		}
		return new Crash(commits, topic, offsets, committed, beforeKill, read(secondIds));
	}

	private static long[] produce(String topic) throws InterruptedException, ExecutionException {
		Map<String, Object> properties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(),
				ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>(RECORDS);
			for (int id = 0; id < RECORDS; id++) {
				byte[] value = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
				sent.add(producer.send(new ProducerRecord<>(topic, partition(id), null, value)));
			}
			long[] offsets = new long[RECORDS];
			for (int id = 0; id < RECORDS; id++) {
				offsets[id] = sent.get(id).get().offset();
			}
			return offsets;
		}
	}

	private static int partition(int id) {
		return id % PARTITIONS;
	}

	private static Process start(String topic, String group, Commits commits, Path ids, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), IdRecordingApplication.class.getName(), TestKafka.brokers(),
				topic, group, String.valueOf(commits != Commits.SYNCHRONOUS_AFTER_EACH_POLL),
				String.valueOf((commits != Commits.PERIODIC) ? 0 : COMMIT_INTERVAL.toMillis()),
				ids.toAbsolutePath().toString(), String.valueOf(HANDLING_MICROS));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static boolean alive(Process process) {
		assertThat(process.isAlive()).as("the consuming application is running").isTrue();
		return true;
	}

	private static List<Handled> read(Path ids) {
		if (!Files.exists(ids)) {
			return List.of();
		}
		try {
			return Files.readAllLines(ids, StandardCharsets.US_ASCII)
				.stream()
				.map(Handled::parse)
				.filter((handled) -> handled != null)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * When the application commits: {@code autoCommit: false}, {@code autoCommit: true},
	 * and {@code autoCommit: true} with {@code auto.commit.interval.ms} set.
	 */
	private enum Commits {

		SYNCHRONOUS_AFTER_EACH_POLL, ASYNCHRONOUS_AFTER_EACH_POLL, PERIODIC

	}

	/**
	 * An id and when it was handled.
	 */
	record Handled(int id, long millis) {

		static @Nullable Handled parse(String line) {
			String[] fields = line.split(" ");
			return (fields.length == 2 && !fields[1].isEmpty())
					? new Handled(Integer.parseInt(fields[0]), Long.parseLong(fields[1])) : null;
		}

	}

	/**
	 * What the application handled before and after it was killed, and what its group had
	 * committed at the time.
	 */
	private record Crash(Commits commits, String topic, long[] offsets, Map<TopicPartition, Long> committed,
			List<Handled> beforeKill, List<Handled> afterRestart) {

		Set<Integer> duplicates() {
			Set<Integer> before = ids(this.beforeKill);
			return ids(this.afterRestart).stream().filter(before::contains).collect(Collectors.toSet());
		}

		Duration oldestDuplicateAge() {
			Set<Integer> duplicates = duplicates();
			long last = this.beforeKill.stream().mapToLong(Handled::millis).max().orElseThrow();
			long oldest = this.beforeKill.stream()
				.filter((handled) -> duplicates.contains(handled.id()))
				.mapToLong(Handled::millis)
				.min()
				.orElse(last);
			return Duration.ofMillis(last - oldest);
		}

		void assertEveryRecordHandled() {
			assertThat(union()).hasSize(RECORDS);
		}

		void assertOnlyRecordsAfterTheCommittedOffsetsCameAgain() {
			Set<Integer> committed = IntStream.range(0, RECORDS)
				.filter((id) -> this.offsets[id] < committedOffset(id))
				.boxed()
				.collect(Collectors.toSet());
			Set<Integer> uncommitted = IntStream.range(0, RECORDS)
				.filter((id) -> !committed.contains(id))
				.boxed()
				.collect(Collectors.toSet());
			assertThat(ids(this.beforeKill)).as("committed records were handled before the kill")
				.containsAll(committed);
			assertThat(ids(this.afterRestart)).as("the restarted application starts at the committed offsets")
				.isEqualTo(uncommitted);
		}

		private long committedOffset(int id) {
			return this.committed.getOrDefault(new TopicPartition(this.topic, partition(id)), 0L);
		}

		void report() {
			System.out.printf(
					"Crash recovery with commits %s: %d records; %d handled before SIGKILL, %d committed, "
							+ "%d handled after the restart; %d duplicates, the oldest handled %d ms before the kill; "
							+ "%d lost%n",
					this.commits, RECORDS, this.beforeKill.size(),
					this.committed.values().stream().mapToLong(Long::longValue).sum(), this.afterRestart.size(),
					duplicates().size(), oldestDuplicateAge().toMillis(), RECORDS - union().size());
		}

		private Set<Integer> union() {
			Set<Integer> handled = ids(this.beforeKill);
			handled.addAll(ids(this.afterRestart));
			return handled;
		}

		private static Set<Integer> ids(List<Handled> handled) {
			return handled.stream().map(Handled::id).collect(Collectors.toCollection(HashSet::new));
		}

	}

}
