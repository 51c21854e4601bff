package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.actuate.metrics.KafkaEventsConsumingMetrics;
import dev.kafkaevents.actuate.metrics.KafkaEventsMeters;
import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeRecoveryIntegrationTests.FlakyHandler;
import dev.kafkaevents.test.EventHandlers;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeRecoveryIntegrationTests.header;
import static dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeRecoveryIntegrationTests.mapping;
import static dev.kafkaevents.test.ConsumingBridgeAssignments.awaitAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for retry topics, default dead-letter topics, dead-lettering a record
 * paused on error, oversized dead-letter records and partition-pausing back-off, against
 * the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class FailureWorkflowsIntegrationTests {

	private static final int TWO_MEGABYTES = 2 * 1024 * 1024;

	private static final Map<String, String> LARGE_RECORDS = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
			String.valueOf(TWO_MEGABYTES));

	@RegisterExtension
	final RunningBridges bridges = new RunningBridges();

	private final FlakyHandler handler = new FlakyHandler();

	private final Queue<String> attempts = new ConcurrentLinkedQueue<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aFailingRecordIsRetriedThroughRetryTopicsWhileLaterRecordsOfItsPartitionAreHandled() {
		String topic = TestKafka.createTopic("retry-topics", 1);
		createRetryTopics(topic, 2);
		String group = TestKafka.uniqueGroup("retry-topics");
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(3, Duration.ofMillis(500))
			.retryMode(RetryMode.TOPICS)
			.defaultDeadLetterTopics()
			.build());
		assertThat(bridge.getRetryTopics()).containsExactly(topic + ".retry-0", topic + ".retry-1");
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":2}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.handled.contains(1));
		assertThat(this.handler.handled).containsExactly(2, 1);
		assertThat(this.handler.attempts(1)).isEqualTo(3);
		assertThat(this.attempts).containsSubsequence(topic + "@1", topic + ".retry-0@2", topic + ".retry-1@3");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		TestKafka.awaitCommittedOffset(group + ".retry", topic + ".retry-1", 0, 1);
		assertThat(this.meters.get(KafkaEventsMeters.RETRIED).tag(KafkaEventsMeters.KAFKA_TOPIC_TAG, topic).counters())
			.extracting(Counter::count)
			.containsExactlyInAnyOrder(1.0, 1.0);
	}

	@Test
	void aRecordFailingInItsLastRetryTopicGoesToTheDefaultDeadLetterTopicWithErrorTimeAndMapping() {
		String topic = TestKafka.createTopic("retry-topics-dlt", 1);
		createRetryTopics(topic, 1);
		String group = TestKafka.uniqueGroup("retry-topics-dlt");
		Instant before = Instant.now();
		KafkaConsumingBridge bridge = start(mapping(topic, group).retry(2, Duration.ofMillis(100))
			.retryMode(RetryMode.TOPICS)
			.defaultDeadLetterTopics()
			.build());
		awaitAssignment(bridge);
		byte[] value = utf8("{\"n\":1,\"failures\":9}");
		TestKafka.send(topic, 0, value, "trace", "abc");
		ConsumerRecord<byte[], byte[]> dead = TestKafka.records(topic + ".dead-letter", 1).get(0);
		assertThat(dead.value()).isEqualTo(value);
		assertThat(header(dead, "trace")).isEqualTo("abc");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
		assertThat(header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(dead, DeadLetterHeaders.MAPPING)).isEqualTo(bridge.getMapping().id());
		assertThat(Instant.parse(header(dead, DeadLetterHeaders.ERROR_TIME))).isAfter(before);
		assertThat(this.handler.attempts(1)).isEqualTo(2);
		assertThat(this.meters.get(KafkaEventsMeters.DEAD_LETTERED)
			.tags(KafkaEventsMeters.KAFKA_TOPIC_TAG, topic, KafkaEventsMeters.DEAD_LETTER_TOPIC_TAG,
					topic + ".dead-letter")
			.counter()
			.count()).isEqualTo(1.0);
	}

	@Test
	void aRecordPausedOnErrorCanBeDeadLetteredAndItsPartitionResumes() {
		String topic = TestKafka.createTopic("dead-letter-paused", 1);
		TestKafka.createNamedTopic(topic + ".dead-letter", 1, Map.of());
		String group = TestKafka.uniqueGroup("dead-letter-paused");
		KafkaConsumingBridge bridge = start(mapping(topic, group).pauseOnError(true).build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":9}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
		assertThat(this.handler.handled).isEmpty();
		assertThat(bridge.deadLetter(partition)).isTrue();
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		assertThat(this.handler.handled).containsExactly(2);
		ConsumerRecord<byte[], byte[]> dead = TestKafka.records(topic + ".dead-letter", 1).get(0);
		assertThat(dead.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
		assertThat(header(dead, DeadLetterHeaders.MAPPING)).isEqualTo(bridge.getMapping().id());
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().isEmpty());
	}

	@Test
	void aRecordLargerThanTheProducersDefaultMaxRequestSizeIsDeadLettered() throws Exception {
		String topic = TestKafka.createTopic("oversized", 1, LARGE_RECORDS);
		TestKafka.createNamedTopic(topic + ".dead-letter", 1, LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("oversized");
		KafkaConsumingBridge bridge = start(mapping(topic, group).defaultDeadLetterTopics().pauseOnError(true).build());
		awaitAssignment(bridge);
		byte[] value = new byte[1536 * 1024];
		Arrays.fill(value, (byte) 'x');
		sendLarge(topic, value);
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		assertThat(TestKafka.records(topic + ".dead-letter", 1).get(0).value()).isEqualTo(value);
		assertThat(this.handler.handled).containsExactly(2);
		assertThat(bridge.getPausedOnError()).isEmpty();
	}

	@Test
	void aLongBackOffPausingThePartitionDoesNotStallAnotherPartitionOfTheSameConsumer() {
		String topic = TestKafka.createTopic("pause-partition", 2);
		String group = TestKafka.uniqueGroup("pause-partition");
		KafkaConsumingBridge bridge = start(
				mapping(topic, group).retry(2, Duration.ofSeconds(5)).retryMode(RetryMode.PAUSE_PARTITION).build());
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.attempts(1) == 1);
		TestKafka.sendJson(topic, 1, "{\"n\":2}");
		await().atMost(Duration.ofSeconds(4)).until(() -> this.handler.handled.contains(2));
		assertThat(this.handler.attempts(1)).isEqualTo(1);
		await().atMost(TestKafka.timeout()).until(() -> this.handler.handled.contains(1));
		assertThat(this.handler.attempts(1)).isEqualTo(2);
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
	}

	private static void createRetryTopics(String topic, int count) {
		for (int i = 0; i < count; i++) {
			TestKafka.createNamedTopic(topic + ".retry-" + i, 1, Map.of());
		}
		TestKafka.createNamedTopic(topic + ".dead-letter", 1, Map.of());
	}

	private static void sendLarge(String topic, byte[] value) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TWO_MEGABYTES),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
		}
	}

	private KafkaConsumingBridge start(ConsumingMapping mapping) {
		InMemoryEventsService eventsService = this.bridges.eventsService();
		eventsService.subscribe("attempts", List.of(mapping.eventsTopic()), EventSubscriber.of((event) -> {
			KafkaRecord record = event.kafkaRecord();
			this.attempts.add(record.topic() + "@" + record.deliveryAttempt());
		}));
		EventHandlers.subscribe(eventsService, this.bridges.jsonMapper(), this.handler);
		return this.bridges.start(mapping, eventsService, List.of(new KafkaEventsConsumingMetrics(this.meters)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
