package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.test.ConsumingMappings;
import dev.kafkaevents.test.EventHandlers;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.kafka.listener.DefaultErrorHandler;

import static dev.kafkaevents.test.ConsumingBridgeAssignments.awaitAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the retries and dead-letter topic of a consuming mapping, against
 * the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class KafkaConsumingBridgeRecoveryIntegrationTests {

	private static final String EVENTS_TOPIC = "recovery.events";

	@RegisterExtension
	final RunningBridges bridges = new RunningBridges();

	private final FlakyHandler handler = new FlakyHandler();

	@Test
	void aFailedRecordIsRetriedWithBackOffUntilItSucceeds() {
		String topic = TestKafka.createTopic("retry", 1);
		String group = TestKafka.uniqueGroup("retry");
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(3, Duration.ofMillis(20)).build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		assertThat(this.handler.attempts(1)).isEqualTo(3);
		assertThat(bridge.getPausedOnError()).isEmpty();
	}

	@Test
	void springKafkasErrorHandlerRetriesAFailedRecordAndTheRestOfItsPollIsHandledOnce() {
		String topic = TestKafka.createTopic("retry-poll", 2);
		String group = TestKafka.uniqueGroup("retry-poll");
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.sendJson(topic, 1, "{\"n\":3}");
		TestKafka.sendJson(topic, 1, "{\"n\":4}");
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(3, Duration.ofMillis(100)).build());
		assertThat(bridge.getContainer().getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
		await().atMost(TestKafka.timeout())
			.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0))
					&& Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 1)));
		assertThat(this.handler.attempts(1)).isEqualTo(2);
		assertThat(List.of(this.handler.attempts(2), this.handler.attempts(3), this.handler.attempts(4)))
			.containsExactly(1, 1, 1);
		assertThat(this.handler.handled).containsExactlyInAnyOrder(1, 2, 3, 4);
	}

	@Test
	void aRecordStillFailingAfterItsRetriesGetsTheMappingsPolicy() {
		String topic = TestKafka.createTopic("retry-pause", 1);
		String group = TestKafka.uniqueGroup("retry-pause");
		KafkaConsumingBridge bridge = start(
				mapping(topic, group).retry(2, Duration.ofMillis(10)).pauseOnError(true).build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":5}");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
		assertThat(this.handler.attempts(1)).isEqualTo(2);
		assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
	}

	@Test
	void notRetryableFailuresAndPoisonRecordsAreTriedOnce() {
		String topic = TestKafka.createTopic("not-retryable", 1);
		String group = TestKafka.uniqueGroup("not-retryable");
		awaitAssignment(start(
				mapping(topic, group).retry(3, Duration.ofMillis(10), UnsupportedOperationException.class).build()));
		TestKafka.send(topic, 0, "not json".getBytes(StandardCharsets.UTF_8));
		TestKafka.sendJson(topic, 0, "{\"n\":2,\"failures\":1,\"unsupported\":true}");
		TestKafka.sendJson(topic, 0, "{\"n\":3}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 3);
		assertThat(this.handler.attempts(2)).isEqualTo(1);
		assertThat(this.handler.attempts(3)).isEqualTo(1);
	}

	@Test
	void aRetryFailingWithANotRetryableExceptionEndsTheRetries() {
		String topic = TestKafka.createTopic("later-not-retryable", 1);
		String group = TestKafka.uniqueGroup("later-not-retryable");
		awaitAssignment(start(
				mapping(topic, group).retry(5, Duration.ofMillis(10), UnsupportedOperationException.class).build()));
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":5,\"unsupportedFrom\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		assertThat(this.handler.attempts(1)).isEqualTo(2);
		assertThat(this.handler.handled).isEmpty();
	}

	@Test
	void aPayloadThatDoesNotFitTheHandlersTypeIsTriedOnce() {
		String topic = TestKafka.createTopic("not-fitting", 1);
		String group = TestKafka.uniqueGroup("not-fitting");
		KafkaConsumingBridge bridge = start(
				mapping(topic, group).retry(3, Duration.ofSeconds(10)).pauseOnError(true).build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "[1,2]");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> bridge.getPausedOnError().containsKey(partition));
		assertThat(bridge.getPausedOnError().get(partition).exceptionClass())
			.isEqualTo(EventPayloadConversionException.class.getName());
	}

	@Test
	void aRetryThatOutlastsTheRebalanceTimeoutLosesNeitherTheRecordNorTheConsumer() {
		String topic = TestKafka.createTopic("outlasting-retry", 1);
		String group = TestKafka.uniqueGroup("outlasting-retry");
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(2, Duration.ofSeconds(3))
			.property(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1000)
			.build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		assertThat(this.handler.attempts(1)).isGreaterThanOrEqualTo(2);
		assertThat(bridge.isRunning()).isTrue();
	}

	@Test
	void aRecordFailingAfterItsRetriesGoesToTheDeadLetterTopicWithItsBytesHeadersAndException() {
		String topic = TestKafka.createTopic("dead-letter", 1);
		String deadLetterTopic = TestKafka.createTopic("dead-letter-dlt", 1);
		String group = TestKafka.uniqueGroup("dead-letter");
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(2, Duration.ofMillis(10))
			.deadLetterTopic(deadLetterTopic)
			.pauseOnError(true)
			.build());
		awaitAssignment(bridge);
		byte[] value = "{\"n\":1,\"failures\":9}".getBytes(StandardCharsets.UTF_8);
		TestKafka.send(topic, 0, value, "trace", "abc");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		ConsumerRecord<byte[], byte[]> dead = TestKafka.records(deadLetterTopic, 1).get(0);
		assertThat(dead.value()).isEqualTo(value);
		assertThat(header(dead, "trace")).isEqualTo("abc");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
		assertThat(dead.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
		assertThat(header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(IllegalStateException.class.getName());
		assertThat(bridge.getPausedOnError()).isEmpty();
		assertThat(this.handler.attempts(2)).isEqualTo(1);
	}

	@Test
	void aRecordThatCannotBeDeadLetteredGetsTheMappingsPolicy() {
		String topic = TestKafka.createTopic("dead-letter-missing", 1);
		String group = TestKafka.uniqueGroup("dead-letter-missing");
		KafkaConsumingBridge bridge = start(mapping(topic, group).deadLetterTopic("no-such-topic")
			.pauseOnError(true)
			.property(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500")
			.build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
		assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
	}

	static ConsumingMappings mapping(String topic, String group) {
		return ConsumingMappings.mapping("dev", topic, group)
			.clientId("recovery")
			.eventsTopic(EVENTS_TOPIC)
			.fromBeginning(true)
			.autoCommit(false);
	}

	private KafkaConsumingBridge start(ConsumingMapping mapping) {
		InMemoryEventsService eventsService = this.bridges.eventsService();
		EventHandlers.subscribe(eventsService, this.bridges.jsonMapper(), this.handler);
		return this.bridges.start(mapping, eventsService);
	}

	static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	/**
	 * Fails a record as many times as its {@code failures} field says.
	 */
	static class FlakyHandler {

		private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final Queue<Integer> handled = new ConcurrentLinkedQueue<>();

		@EventHandler(EVENTS_TOPIC)
		void handle(Map<String, Object> payload) {
			int n = ((Number) payload.get("n")).intValue();
			int attempt = this.attempts.computeIfAbsent(n, (key) -> new AtomicInteger()).incrementAndGet();
			int failures = ((Number) payload.getOrDefault("failures", 0)).intValue();
			if (attempt <= failures) {
				int unsupportedFrom = ((Number) payload.getOrDefault("unsupportedFrom", Integer.MAX_VALUE)).intValue();
				if (Boolean.TRUE.equals(payload.get("unsupported")) || attempt >= unsupportedFrom) {
					throw new UnsupportedOperationException("not retryable");
				}
				throw new IllegalStateException("attempt " + attempt + " of record " + n + " fails");
			}
			this.handled.add(n);
		}

		int attempts(int n) {
			AtomicInteger count = this.attempts.get(n);
			return (count != null) ? count.get() : 0;
		}

	}

}
