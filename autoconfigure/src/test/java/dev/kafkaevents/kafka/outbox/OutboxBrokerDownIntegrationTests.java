package dev.kafkaevents.kafka.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.RestartableKafka;
import dev.kafkaevents.test.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away for longer than the outbox's send timeout, on H2, PostgreSQL and
 * MariaDB: the rows written meanwhile wait, their failed sends counted, and all go out
 * once the broker is back.
 *
 * @author kafka-events
 */
class OutboxBrokerDownIntegrationTests {

	private static final String TOPIC = "outbox-broker-down";

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void rowsWrittenWhileTheBrokerIsDownWaitAndGoOutOnceItIsBack(TestDatabase database) throws Exception {
		database.assumeAvailable();
		String prefix = TestDatabase.uniquePrefix();
		try (RestartableKafka kafka = RestartableKafka.start(TOPIC)) {
			Map<String, Object> properties = new LinkedHashMap<>(
					OutboxApplication.properties(database, kafka.brokers(), TOPIC, prefix));
			properties.put("events.modules.kafka.outbox.send-timeout", "1s");
			properties.put("events.modules.kafka.kafkaPublishingEventConsumer.outbox.properties[max.block.ms]", "500");
			properties.put("events.modules.kafka.outbox.retry.initial-interval", "200ms");
			properties.put("events.modules.kafka.outbox.retry.max-interval", "1s");
			properties.put("events.modules.kafka.outbox.retry.max-attempts", "1000");
			try (ConfigurableApplicationContext context = OutboxApplication.start(properties)) {
				EventsService events = context.getBean(EventsService.class);
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				publish(transactions, events, 0, 20);
				Set<String> received = new HashSet<>();
				try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka.brokers())) {
					awaitValues(consumer, received, 20);
					kafka.stopBroker();
					publish(transactions, events, 20, 70);
					await().atMost(Duration.ofSeconds(30))
						.until(() -> jdbc.queryForObject(
								"SELECT COUNT(*) FROM " + prefix + "outbox WHERE attempts > 0 AND status = 'PENDING'",
								Integer.class) > 0);
					assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox WHERE status = 'PENDING'",
							Integer.class))
						.isEqualTo(50);
					kafka.startBroker();
					awaitValues(consumer, received, 70);
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "outbox", Integer.class) == 0);
			}
		}
	}

	private static void publish(TransactionTemplate transactions, EventsService events, int from, int to) {
		for (int i = from; i < to; i++) {
			int value = i;
			transactions.executeWithoutResult(
					(status) -> OutboxApplication.publish(events, "k" + (value % 7), String.valueOf(value)));
		}
	}

	private static KafkaConsumer<byte[], byte[]> consumer(String brokers) {
		KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				brokers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
		consumer.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
		return consumer;
	}

	private static void awaitValues(KafkaConsumer<byte[], byte[]> consumer, Set<String> received, int count) {
		await().atMost(Duration.ofMinutes(1)).pollInSameThread().until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add(value(record.value())));
			return received.size() >= count;
		});
		for (int i = 0; i < count; i++) {
			assertThat(received).contains(String.valueOf(i));
		}
	}

	private static String value(byte[] json) {
		String text = new String(json, StandardCharsets.UTF_8);
		return text.substring(text.lastIndexOf(":\"") + 2, text.lastIndexOf('"'));
	}

}
