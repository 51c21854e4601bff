package dev.kafkaevents.kafka.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.test.ConsumingMappings;
import dev.kafkaevents.test.EventHandlers;
import dev.kafkaevents.test.TestKafka;
import dev.kafkaevents.kafka.format.InvalidRecordValueException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.kafkaevents.test.ConsumingBridgeAssignments.awaitAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for records that can never become an event for the mapping's handler
 * (poison records) under each failure policy: skip, dead letter and pause. Each poison
 * record is sent to a partition of its own, between two valid records.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaConsumingBridgePoisonRecordIntegrationTests {

	private static final String EVENTS_TOPIC = "poison.events";

	private static final int FIVE_MEGABYTES = 5 * 1024 * 1024;

	private static final Map<String, String> LARGE_RECORDS = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
			String.valueOf(FIVE_MEGABYTES + 1024 * 1024));

	private static final String INVALID_VALUE = InvalidRecordValueException.class.getName();

	private static final List<Poison> POISONS = List.of(new Poison("no value", null, INVALID_VALUE),
			new Poison("an empty value", new byte[0], INVALID_VALUE),
			new Poison("a value that is not JSON", utf8("not json"), INVALID_VALUE),
			new Poison("a value that is not valid UTF-8", invalidUtf8(), INVALID_VALUE),
			new Poison("a 5 MB value that is not valid JSON", largeTruncatedJson(), INVALID_VALUE),
			new Poison("JSON nested deeper than Jackson allows",
					nestedArrays(StreamReadConstraints.DEFAULT_MAX_DEPTH + 1), INVALID_VALUE),
			new Poison("a payload that does not fit the handler's type", utf8("[\"not\",\"an\",\"object\"]"),
					EventPayloadConversionException.class.getName()));

	private static KafkaProducer<byte[], byte[]> producer;

	@RegisterExtension
	final RunningBridges bridges = new RunningBridges();

	private final TypedHandler handler = new TypedHandler();

	private final AttemptCounter attempts = new AttemptCounter();

	@BeforeAll
	static void createProducer() {
		producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, FIVE_MEGABYTES + 1024 * 1024),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	@AfterAll
	static void closeProducer() {
		producer.close();
	}

	@Test
	void withoutPauseOnErrorEachPoisonRecordIsLoggedWithItsCoordinatesAndSkipped(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison-skip", POISONS.size(), LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("poison-skip");
		awaitAssignment(start(mapping(topic, group).build()));
		sendPoisons(topic);
		awaitCommittedEverywhere(group, topic, 3);
		assertThat(handled()).containsExactlyInAnyOrderElementsOf(validNumbers());
		assertLogged(output, topic, "; skipping it");
		assertTriedOnce(topic);
	}

	@Test
	void withADeadLetterTopicEachPoisonRecordIsSentThereWithItsCoordinatesAndTheConsumerMovesOn(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison-dlt", POISONS.size(), LARGE_RECORDS);
		String deadLetterTopic = TestKafka.createTopic("poison-dlt-dead", 1, LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("poison-dlt");
		KafkaConsumingBridge bridge = start(
				mapping(topic, group).deadLetterTopic(deadLetterTopic).pauseOnError(true).build());
		awaitAssignment(bridge);
		sendPoisons(topic);
		awaitCommittedEverywhere(group, topic, 3);
		assertThat(handled()).containsExactlyInAnyOrderElementsOf(validNumbers());
		assertThat(bridge.getPausedOnError()).isEmpty();
		assertLogged(output, topic, "; sent it to dead-letter topic " + deadLetterTopic);
		assertTriedOnce(topic);
		Map<Integer, ConsumerRecord<byte[], byte[]>> dead = byOriginalPartition(
				TestKafka.records(deadLetterTopic, POISONS.size()));
		assertThat(dead).hasSize(POISONS.size());
		for (int partition = 0; partition < POISONS.size(); partition++) {
			Poison poison = POISONS.get(partition);
			ConsumerRecord<byte[], byte[]> record = dead.get(partition);
			assertThat(record.value()).as(poison.description()).isEqualTo(poison.value());
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(utf8(topic));
			assertThat(ByteBuffer.wrap(header(record, "kafka_dlt-original-offset")).getLong()).isEqualTo(1);
			assertThat(new String(header(record, "kafka_dlt-exception-fqcn"), StandardCharsets.UTF_8))
				.as(poison.description())
				.isEqualTo(poison.exceptionClass());
		}
	}

	@Test
	void withPauseOnErrorEachPoisonRecordPausesItsPartitionUntilSkipped(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison-pause", POISONS.size(), LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("poison-pause");
		KafkaConsumingBridge bridge = start(mapping(topic, group).pauseOnError(true).build());
		awaitAssignment(bridge);
		sendPoisons(topic);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().size() == POISONS.size());
		awaitCommittedEverywhere(group, topic, 1);
		for (int partition = 0; partition < POISONS.size(); partition++) {
			FailedRecord failed = bridge.getPausedOnError().get(new TopicPartition(topic, partition));
			assertThat(failed.offset()).isEqualTo(1);
			assertThat(failed.exceptionClass()).as(POISONS.get(partition).description())
				.isEqualTo(POISONS.get(partition).exceptionClass());
		}
		assertThat(handled()).containsAll(numbers(100));
		assertLogged(output, topic, "; pausing the partition");
		for (int partition = 0; partition < POISONS.size(); partition++) {
			assertThat(bridge.skip(new TopicPartition(topic, partition))).isTrue();
		}
		awaitCommittedEverywhere(group, topic, 3);
		assertThat(handled()).containsAll(validNumbers());
		assertThat(bridge.getPausedOnError()).isEmpty();
		assertTriedOnce(topic);
	}

	@ParameterizedTest(name = "fetch sizes: {0}")
	@ValueSource(strings = { "client defaults", "1024 bytes" })
	void aFiveMegabyteJsonValueIsHandledWhateverTheConsumersFetchSizes(String fetchSizes) {
		String topic = TestKafka.createTopic("large", 1, LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("large");
		ConsumingMappings mapping = mapping(topic, group);
		if (!fetchSizes.equals("client defaults")) {
			mapping.property(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024)
				.property(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024);
		}
		awaitAssignment(start(mapping.build()));
		String text = "x".repeat(FIVE_MEGABYTES);
		send(topic, 0, utf8("{\"n\":1,\"text\":\"" + text + "\"}"));
		send(topic, 0, utf8("{\"n\":2}"));
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		assertThat(this.handler.numbers).containsExactly(1, 2);
		assertThat(this.handler.largestText).isEqualTo(FIVE_MEGABYTES);
	}

	private static ConsumingMappings mapping(String topic, String group) {
		return ConsumingMappings.mapping("dev", topic, group)
			.clientId("poison")
			.eventsTopic(EVENTS_TOPIC)
			.fromBeginning(true)
			.autoCommit(false)
			.retry(3, Duration.ofMillis(10));
	}

	private KafkaConsumingBridge start(ConsumingMapping mapping) {
		InMemoryEventsService eventsService = this.bridges.eventsService();
		EventHandlers.subscribe(eventsService, this.bridges.jsonMapper(), this.handler);
		return this.bridges.start(mapping, eventsService, List.of(this.attempts));
	}

	private static void sendPoisons(String topic) {
		for (int partition = 0; partition < POISONS.size(); partition++) {
			send(topic, partition, utf8("{\"n\":" + (100 + partition) + "}"));
			send(topic, partition, POISONS.get(partition).value());
			send(topic, partition, utf8("{\"n\":" + (200 + partition) + "}"));
		}
	}

	private static void send(String topic, int partition, byte @Nullable [] value) {
		try {
			producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static void awaitCommittedEverywhere(String group, String topic, long offset) {
		await().atMost(TestKafka.timeout()).until(() -> {
			Map<TopicPartition, Long> committed = TestKafka.committedOffsets(group);
			return IntStream.range(0, POISONS.size())
				.allMatch((partition) -> Long.valueOf(offset)
					.equals(committed.get(new TopicPartition(topic, partition))));
		});
	}

	private static List<Integer> validNumbers() {
		List<Integer> numbers = new ArrayList<>(numbers(100));
		numbers.addAll(numbers(200));
		return numbers;
	}

	private static List<Integer> numbers(int base) {
		return IntStream.range(0, POISONS.size()).mapToObj((partition) -> base + partition).toList();
	}

	private static void assertLogged(CapturedOutput output, String topic, String outcome) {
		for (int partition = 0; partition < POISONS.size(); partition++) {
			assertThat(output).as(POISONS.get(partition).description())
				.contains("Failed to process message at offset 1 on partition " + partition + " of topic " + topic
						+ outcome);
		}
	}

	private void assertTriedOnce(String topic) {
		for (int partition = 0; partition < POISONS.size(); partition++) {
			assertThat(this.attempts.attempts(new TopicPartition(topic, partition), 1))
				.as(POISONS.get(partition).description())
				.isEqualTo(1);
		}
	}

	private List<Integer> handled() {
		return List.copyOf(this.handler.numbers);
	}

	private static Map<Integer, ConsumerRecord<byte[], byte[]>> byOriginalPartition(
			List<ConsumerRecord<byte[], byte[]>> records) {
		Map<Integer, ConsumerRecord<byte[], byte[]>> byPartition = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			byPartition.put(ByteBuffer.wrap(header(record, "kafka_dlt-original-partition")).getInt(), record);
		}
		return byPartition;
	}

	private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
		return record.headers().lastHeader(name).value();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] invalidUtf8() {
		byte[] value = utf8("{\"n\":\"??\"}");
		value[6] = (byte) 0xFF;
		value[7] = (byte) 0xFE;
		return value;
	}

	private static byte[] largeTruncatedJson() {
		return utf8("{\"n\":1,\"text\":\"" + "x".repeat(FIVE_MEGABYTES));
	}

	private static byte[] nestedArrays(int depth) {
		return utf8("[".repeat(depth) + "]".repeat(depth));
	}

	/**
	 * A poison record: what it is, its value, and the class of the failure it causes.
	 */
	record Poison(String description, byte @Nullable [] value, String exceptionClass) {

		@Override
		public String toString() {
			return this.description;
		}

	}

	/**
	 * The payload the handler declares.
	 */
	record Numbered(int n, @Nullable String text) {

	}

	/**
	 * A handler of a typed payload.
	 */
	static class TypedHandler {

		final Queue<Integer> numbers = new ConcurrentLinkedQueue<>();

		volatile int largestText;

		@EventHandler(EVENTS_TOPIC)
		void handle(Numbered payload) {
			this.numbers.add(payload.n());
			if (payload.text() != null) {
				this.largestText = Math.max(this.largestText, payload.text().length());
			}
		}

	}

	/**
	 * Counts the attempts of each record, retries included.
	 */
	static class AttemptCounter implements ConsumingObserver {

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		@Override
		public void recordHandled(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record,
				@Nullable Throwable failure, long handlingNanos) {
			this.attempts
				.computeIfAbsent(key(new TopicPartition(record.topic(), record.partition()), record.offset()),
						(key) -> new AtomicInteger())
				.incrementAndGet();
		}

		int attempts(TopicPartition partition, long offset) {
			AtomicInteger count = this.attempts.get(key(partition, offset));
			return (count != null) ? count.get() : 0;
		}

		private static String key(TopicPartition partition, long offset) {
			return partition + "@" + offset;
		}

	}

}
