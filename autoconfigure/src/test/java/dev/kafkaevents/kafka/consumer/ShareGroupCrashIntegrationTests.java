package dev.kafkaevents.kafka.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash recovery of a share-group mapping: {@link IdRecordingApplication} consumes
 * through a share group in a JVM of its own, is killed with SIGKILL in the middle of the
 * records and started again; the records it held when it died are delivered again once
 * their acquisition lock expires (and the partitions the dead member was assigned go to
 * the new one after the group's session timeout), so every record is handled at least
 * once, and only about the records in hand at the kill are handled twice.
 *
 * @author kafka-events
 */
class ShareGroupCrashIntegrationTests {

	private static final int RECORDS = 20_000;

	private static final int KILL_AFTER = 5_000;

	private static final int RECORDS_IN_HAND = 2_000;

	private static final Duration LOCK_DURATION = Duration.ofSeconds(2);

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

	private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

	@Test
	void recordsInFlightAtASigkillAreDeliveredAgainAfterTheirLockExpiresAndNothingIsLost() throws Exception {
		String topic = TestKafka.createTopic("share-crash", 3);
		String group = TestKafka.uniqueGroup("share-crash");
		configureGroup(group, Map.<String, Object>of("share.record.lock.duration.ms", LOCK_DURATION.toMillis(),
				"share.session.timeout.ms", SESSION_TIMEOUT.toMillis(), "share.heartbeat.interval.ms", 1000));
		Path directory = Files.createDirectories(Path.of("target", "crash-recovery", topic));
		produce(topic);
		Path firstIds = directory.resolve("first.ids");
		Process first = start(topic, group, firstIds, directory.resolve("first.log"));
		try {
			await().atMost(PROCESS_TIMEOUT).until(() -> first.isAlive() && ids(firstIds).size() >= KILL_AFTER);
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			first.destroyForcibly();
		}
		List<Integer> beforeKill = ids(firstIds);
		assertThat(Set.copyOf(beforeKill)).hasSizeBetween(KILL_AFTER, RECORDS - 1);
		Path secondIds = directory.resolve("second.ids");
		Process second = start(topic, group, secondIds, directory.resolve("second.log"));
		Set<Integer> handled = new HashSet<>(beforeKill);
		try {
			await().atMost(PROCESS_TIMEOUT).until(() -> {
				assertThat(second.isAlive()).as("the consuming application is running").isTrue();
				handled.addAll(ids(secondIds));
				return handled.size() == RECORDS;
			});
		}
		finally {
			second.destroy();
			assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		Set<Integer> again = ids(secondIds).stream()
			.filter(Set.copyOf(beforeKill)::contains)
			.collect(Collectors.toSet());
		System.out.printf("Share group crash: %d records, %d handled before SIGKILL, %d after; %d handled twice%n",
				RECORDS, beforeKill.size(), ids(secondIds).size(), again.size());
		assertThat(handled).hasSize(RECORDS);
		assertThat(again).hasSizeLessThanOrEqualTo(RECORDS_IN_HAND);
	}

	private static void configureGroup(String group, Map<String, Object> configs) throws Exception {
		List<AlterConfigOp> changes = configs.entrySet()
			.stream()
			.map((config) -> new AlterConfigOp(new ConfigEntry(config.getKey(), String.valueOf(config.getValue())),
					AlterConfigOp.OpType.SET))
			.toList();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), changes))
				.all()
				.get();
		}
	}

	private static void produce(String topic) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(), ProducerConfig.LINGER_MS_CONFIG, 5),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int id = 0; id < RECORDS; id++) {
				producer.send(new ProducerRecord<>(topic, id % 3, null,
						("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8)));
			}
		}
	}

	private static Process start(String topic, String group, Path ids, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), IdRecordingApplication.class.getName(), TestKafka.brokers(),
				topic, group, "true", "0", ids.toAbsolutePath().toString(), "50", "share")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static List<Integer> ids(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			return Files.readAllLines(file, StandardCharsets.US_ASCII)
				.stream()
				.map((line) -> line.split(" "))
				.filter((fields) -> fields.length == 2 && !fields[1].isEmpty())
				.map((fields) -> Integer.valueOf(fields[0]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
