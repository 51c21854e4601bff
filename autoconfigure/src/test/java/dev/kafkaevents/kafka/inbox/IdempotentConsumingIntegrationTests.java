package dev.kafkaevents.kafka.inbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint;
import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint.InboxDescriptor;
import dev.kafkaevents.actuate.metrics.KafkaEventsInboxMetrics;
import dev.kafkaevents.actuate.metrics.KafkaEventsMeters;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.outbox.OutboxWriter;
import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotent consumption on H2, PostgreSQL and MariaDB: records delivered again (the
 * group's offsets moved back, a publisher's resend) run no handler twice; a failing
 * handler leaves no inbox row, and its business row and outbox row roll back; the
 * consume, process and produce step through an outbox-backed mapping commits as one. The
 * duplicates and the inbox size show in the meters and the endpoint.
 *
 * @author kafka-events
 */
class IdempotentConsumingIntegrationTests {

	private static final int RECORDS = 60;

	@AfterEach
	void clearFailing() {
		InboxApplication.FAILING.clear();
		InboxApplication.FAILING_ASYNC.clear();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void recordsDeliveredAgainRunNoHandlerTwice(TestDatabase database) throws Exception {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("inbox-redelivery", 2);
		String group = TestKafka.uniqueGroup("inbox");
		String prefix = TestDatabase.uniquePrefix();
		Map<String, Object> properties = InboxApplication.properties(database, TestKafka.brokers(), topic, group,
				prefix);
		List<String> eventIds = sendPayments(topic);
		try (ConfigurableApplicationContext context = InboxApplication.start(properties)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			KafkaConsumingBridge bridge = bridge(context);
			await().atMost(TestKafka.timeout()).until(() -> bridge.getProcessedCount() == RECORDS);
			for (int i = 0; i < 5; i++) {
				send(topic, i % 2, "resent-" + i, eventIds.get(2 * i));
			}
			await().atMost(TestKafka.timeout()).until(() -> bridge.getDuplicateCount() == 5);
			assertThat(bridge.getProcessedCount()).isEqualTo(RECORDS);
			assertThat(context.getBean(InboxRepository.class).size(InboxApplication.MAPPING_ID)).isEqualTo(RECORDS);
			assertThat(businessRows(jdbc, prefix)).hasSize(RECORDS)
				.allSatisfy((event, rows) -> assertThat(rows).isOne());
		}
		moveOffsetsBack(group, topic);
		try (ConfigurableApplicationContext context = InboxApplication.start(properties)) {
			KafkaConsumingBridge bridge = bridge(context);
			await().atMost(TestKafka.timeout()).until(() -> bridge.getDuplicateCount() == RECORDS + 5);
			assertThat(bridge.getProcessedCount()).isZero();
			assertThat(context.getBean(MeterRegistry.class)
				.get(KafkaEventsInboxMetrics.DUPLICATES)
				.tag(KafkaEventsMeters.MAPPING_TAG, InboxApplication.MAPPING_ID)
				.counter()
				.count()).isEqualTo(RECORDS + 5);
			context.getBean(InboxMaintenance.class).cleanUp();
			assertThat(context.getBean(MeterRegistry.class)
				.get(KafkaEventsInboxMetrics.SIZE)
				.tag(KafkaEventsMeters.MAPPING_TAG, InboxApplication.MAPPING_ID)
				.gauge()
				.value()).isEqualTo(RECORDS);
			KafkaEventsEndpoint endpoint = new KafkaEventsEndpoint(context.getBean(KafkaInstanceRegistry.class),
					context.getBean(KafkaConsumingBridges.class), List.of());
			endpoint.setInbox(context.getBean(InboxRepository.class));
			InboxDescriptor inbox = endpoint.instance(InboxApplication.INSTANCE).consuming().get(0).inbox();
			assertThat(inbox).isEqualTo(new InboxDescriptor(RECORDS + 5, (long) RECORDS));
			assertThat(businessRows(new JdbcTemplate(context.getBean(DataSource.class)), prefix)).hasSize(RECORDS)
				.allSatisfy((event, rows) -> assertThat(rows).isOne());
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aFailingHandlerLeavesNoInboxRowAndItsEffectsRollBackAlsoWhenAnAsynchronousStageFails(TestDatabase database) {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("inbox-failure", 1);
		TestKafka.createNamedTopic(topic + ".forwarded", 1, Map.of());
		String group = TestKafka.uniqueGroup("inbox");
		String prefix = TestDatabase.uniquePrefix();
		Map<String, Object> properties = new HashMap<>(
				InboxApplication.properties(database, TestKafka.brokers(), topic, group, prefix));
		properties.put(InboxApplication.CONSUMING + "topics[0].kafka.pauseOnError", "true");
		InboxApplication.FAILING.add("p3");
		for (int i = 0; i < 6; i++) {
			TestKafka.sendJson(topic, 0, "{\"value\":\"p" + i + "\",\"forward\":true}");
		}
		try (ConfigurableApplicationContext context = InboxApplication.start(properties)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			KafkaConsumingBridge bridge = bridge(context);
			await().atMost(TestKafka.timeout()).until(() -> bridge.getState() == ConsumingState.PAUSED_ON_ERROR);
			assertThat(businessRows(jdbc, prefix)).containsOnlyKeys("p0", "p1", "p2");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "inbox", Integer.class)).isEqualTo(3);
			await().atMost(TestKafka.timeout()).until(() -> TestKafka.recordCount(topic + ".forwarded") == 3);
			InboxApplication.FAILING.clear();
			InboxApplication.FAILING_ASYNC.add("p4");
			assertThat(bridge.retry(new TopicPartition(topic, 0))).isTrue();
			await().atMost(TestKafka.timeout())
				.until(() -> bridge.getState() == ConsumingState.PAUSED_ON_ERROR
						&& bridge.getPausedOnError().values().iterator().next().offset() == 4);
			assertThat(businessRows(jdbc, prefix)).containsOnlyKeys("p0", "p1", "p2", "p3");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "inbox", Integer.class)).isEqualTo(4);
			InboxApplication.FAILING_ASYNC.clear();
			assertThat(bridge.retry(new TopicPartition(topic, 0))).isTrue();
			await().atMost(TestKafka.timeout()).until(() -> bridge.getProcessedCount() == 6);
			assertThat(businessRows(jdbc, prefix)).hasSize(6).allSatisfy((event, rows) -> assertThat(rows).isOne());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "inbox", Integer.class)).isEqualTo(6);
			await().atMost(TestKafka.timeout()).until(() -> TestKafka.recordCount(topic + ".forwarded") == 6);
			assertThat(bridge.getDuplicateCount()).isZero();
		}
	}

	private static List<String> sendPayments(String topic) {
		List<String> eventIds = new java.util.ArrayList<>();
		for (int i = 0; i < RECORDS; i++) {
			String eventId = (i % 2 == 0) ? UUID.randomUUID().toString() : null;
			eventIds.add(eventId);
			send(topic, i % 2, "p" + i, eventId);
		}
		return eventIds;
	}

	private static void send(String topic, int partition, String value, String eventId) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, null,
				("{\"value\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8));
		if (eventId != null) {
			record.headers().add(OutboxWriter.EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
		}
		TestKafka.send(record);
	}

	private static void moveOffsetsBack(String group, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			admin
				.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0),
						new TopicPartition(topic, 1), new OffsetAndMetadata(0)))
				.all()
				.get();
		}
	}

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).find(InboxApplication.MAPPING_ID).orElseThrow();
	}

	private static Map<String, Integer> businessRows(JdbcTemplate jdbc, String prefix) {
		Map<String, Integer> rows = new HashMap<>();
		jdbc.query("SELECT event FROM " + prefix + "business",
				(org.springframework.jdbc.core.RowCallbackHandler) (row) -> rows.merge(row.getString(1), 1,
						Integer::sum));
		return rows;
	}

}
