package dev.kafkaevents.kafka.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on H2, PostgreSQL and MariaDB with a JDBC transaction manager: a committed
 * transaction sends exactly its events, in order per key, with a stable event id; a
 * rolled-back one writes and sends nothing; a failing send is retried, then kept as
 * {@code FAILED} until an operator retries it.
 *
 * @author kafka-events
 */
class OutboxIntegrationTests {

	private static final JsonMapper json = new JsonMapper();

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void commitSendsExactlyTheCommittedEventsInKeyOrderAndRollbackWritesAndSendsNothing(TestDatabase database) {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("outbox", 3);
		String prefix = TestDatabase.uniquePrefix();
		try (ConfigurableApplicationContext context = OutboxApplication
			.start(OutboxApplication.properties(database, TestKafka.brokers(), topic, prefix))) {
			EventsService events = context.getBean(EventsService.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
			for (int round = 0; round < 5; round++) {
				int seq = round;
				transactions.executeWithoutResult((status) -> {
					for (int key = 0; key < 20; key++) {
						OutboxApplication.publish(events, "k" + key, "committed-" + seq);
					}
				});
				transactions.executeWithoutResult((status) -> {
					OutboxApplication.publish(events, "k0", "rolled-back-" + seq);
					assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox", Integer.class))
						.isPositive();
					status.setRollbackOnly();
				});
			}
			OutboxApplication.publish(events, "k0", "no-transaction");
			OutboxRepository repository = context.getBean(OutboxRepository.class);
			await().atMost(TestKafka.timeout())
				.until(() -> TestKafka.recordCount(topic) >= 101 && repository.statistics(Instant.now())
					.getOrDefault(OutboxApplication.MAPPING_ID, OutboxStatistics.EMPTY)
					.pending() == 0);
			assertThat(TestKafka.recordCount(topic)).isEqualTo(101);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox", Integer.class)).isZero();
			List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, 101);
			Map<String, List<String>> byKey = valuesByKey(records);
			assertThat(byKey).hasSize(20);
			byKey.forEach((key, values) -> assertThat(values).startsWith("committed-0", "committed-1", "committed-2",
					"committed-3", "committed-4"));
			assertThat(byKey.get("k0")).containsExactly("committed-0", "committed-1", "committed-2", "committed-3",
					"committed-4", "no-transaction");
			Set<String> eventIds = new HashSet<>();
			records.forEach((record) -> eventIds.add(eventId(record)));
			assertThat(eventIds).hasSize(101);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void failingSendsAreRetriedThenKeptAsFailedUntilRetriedByAnOperator(TestDatabase database) throws Exception {
		database.assumeAvailable();
		String topic = "outbox-missing-" + TestDatabase.uniquePrefix();
		String prefix = TestDatabase.uniquePrefix();
		Map<String, Object> properties = new LinkedHashMap<>(
				OutboxApplication.properties(database, TestKafka.brokers(), topic, prefix));
		properties.put(
				"events.modules.kafka.kafkaPublishingEventConsumer.outbox.topics[0].kafka.allowAutoTopicCreation",
				"false");
		properties.put(
				"events.modules.kafka.kafkaPublishingEventConsumer.outbox.topics[0].kafka.properties[max.block.ms]",
				"300");
		properties.put("events.modules.kafka.outbox.retry.initial-interval", "50ms");
		properties.put("events.modules.kafka.outbox.retry.max-attempts", "2");
		properties.put("events.modules.kafka.outbox.send-timeout", "1s");
		try (ConfigurableApplicationContext context = OutboxApplication.start(properties)) {
			EventsService events = context.getBean(EventsService.class);
			OutboxRepository repository = context.getBean(OutboxRepository.class);
			OutboxApplication.publish(events, "k", "first");
			await().atMost(TestKafka.timeout()).until(() -> statistics(repository).failed() == 1);
			assertThat(statistics(repository).pending()).isZero();
			String error = new JdbcTemplate(context.getBean(javax.sql.DataSource.class))
				.queryForObject("SELECT last_error FROM " + prefix + "outbox WHERE status = 'FAILED'", String.class);
			assertThat(error).contains("UnknownTopicOrPartitionException");
			createTopic(topic);
			assertThat(repository.retryFailed(OutboxApplication.MAPPING_ID, Instant.now())).isOne();
			await().atMost(TestKafka.timeout()).until(() -> TestKafka.recordCount(topic) == 1);
			await().atMost(TestKafka.timeout()).until(() -> statistics(repository).equals(OutboxStatistics.EMPTY));
		}
	}

	private static void createTopic(String name) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
		}
	}

	private static OutboxStatistics statistics(OutboxRepository repository) {
		return repository.statistics(Instant.now()).getOrDefault(OutboxApplication.MAPPING_ID, OutboxStatistics.EMPTY);
	}

	static Map<String, List<String>> valuesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			JsonNode value = json.readTree(record.value());
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(value.get("key").asString());
			byKey.computeIfAbsent(value.get("key").asString(), (key) -> new ArrayList<>())
				.add(value.get("value").asString());
		}
		return byKey;
	}

	static String eventId(ConsumerRecord<byte[], byte[]> record) {
		Header header = record.headers().lastHeader(OutboxWriter.EVENT_ID_HEADER);
		assertThat(header).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
