package dev.kafkaevents.kafka.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances publishing to and dispatching the same outbox at once, their
 * lanes rebalanced by short leases: a raw consumer sees the events of every one of
 * thousands of keys in the order they were committed, though the instances wrote them in
 * turns.
 *
 * @author kafka-events
 */
class OutboxInstancesIntegrationTests {

	private static final int KEYS = 2000;

	private static final int EVENTS_PER_KEY = 3;

	private static final int KEYS_PER_TRANSACTION = 20;

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void twoInstancesDispatchingTheSameOutboxKeepTheOrderOfEveryKey(TestDatabase database) {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("outbox-instances", 4);
		Map<String, Object> properties = new LinkedHashMap<>(
				OutboxApplication.properties(database, TestKafka.brokers(), topic, TestDatabase.uniquePrefix()));
		properties.put("events.modules.kafka.outbox.lease-duration", "3s");
		properties.put("events.modules.kafka.outbox.send-timeout", "1s");
		properties.put("events.modules.kafka.outbox.poll-interval", "100ms");
		properties.put("events.modules.kafka.outbox.batch-size", "100");
		try (ConfigurableApplicationContext first = OutboxApplication.start(properties, SentCount.class);
				ConfigurableApplicationContext second = OutboxApplication.start(properties, SentCount.class)) {
			List<ConfigurableApplicationContext> instances = List.of(first, second);
			for (int seq = 0; seq < EVENTS_PER_KEY; seq++) {
				for (int from = 0; from < KEYS; from += KEYS_PER_TRANSACTION) {
					publish(instances.get((seq + from / KEYS_PER_TRANSACTION) % 2), from, seq);
				}
			}
			int total = KEYS * EVENTS_PER_KEY;
			await().atMost(Duration.ofMinutes(1)).until(() -> TestKafka.recordCount(topic) >= total);
			List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, total);
			Map<String, List<String>> byKey = OutboxIntegrationTests.valuesByKey(records);
			assertThat(byKey).hasSize(KEYS);
			int duplicates = 0;
			for (Map.Entry<String, List<String>> key : byKey.entrySet()) {
				List<String> firstSeen = new ArrayList<>(new LinkedHashSet<>(key.getValue()));
				duplicates += key.getValue().size() - firstSeen.size();
				assertThat(firstSeen).as(key.getKey()).containsExactly("0", "1", "2");
			}
			long sentByFirst = first.getBean(SentCount.class).sent.get();
			long sentBySecond = second.getBean(SentCount.class).sent.get();
			System.out.printf(
					"Two outbox instances: %d events over %d keys, first sent %d, second sent %d, " + "%d duplicates%n",
					total, KEYS, sentByFirst, sentBySecond, duplicates);
			assertThat(sentByFirst).isPositive();
			assertThat(sentBySecond).isPositive();
			assertThat(duplicates).isZero();
		}
	}

	private static void publish(ConfigurableApplicationContext instance, int fromKey, int seq) {
		EventsService events = instance.getBean(EventsService.class);
		instance.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			for (int key = fromKey; key < fromKey + KEYS_PER_TRANSACTION; key++) {
				OutboxApplication.publish(events, "k" + key, String.valueOf(seq));
			}
		});
	}

	/**
	 * Counts the rows this instance sent.
	 */
	static class SentCount implements OutboxObserver {

		final AtomicLong sent = new AtomicLong();

		@Override
		public void sent(String mappingId, Duration latency) {
			this.sent.incrementAndGet();
		}

	}

}
