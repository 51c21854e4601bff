package dev.kafkaevents.kafka.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.test.TestKafka;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

	private static final String PREFIX = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";

	private static final int FIVE_MEGABYTES = 5 * 1024 * 1024;

	private static final Map<String, String> LARGE_RECORDS = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
			String.valueOf(FIVE_MEGABYTES + 1024 * 1024));

	private static final String INVALID_VALUE = KafkaRecordEvents.InvalidRecordValueException.class.getName();

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

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class))
		.withUserConfiguration(TypedHandlerConfiguration.class);

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
		mapping(topic, group).run((context) -> {
			awaitAssignment(context);
			sendPoisons(topic);
			awaitCommittedEverywhere(group, topic, 3);
			assertThat(handled(context)).containsExactlyInAnyOrderElementsOf(validNumbers());
			assertLogged(output, topic, "; skipping it");
			assertTriedOnce(context, topic);
		});
	}

	@Test
	void withADeadLetterTopicEachPoisonRecordIsSentThereWithItsCoordinatesAndTheConsumerMovesOn(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison-dlt", POISONS.size(), LARGE_RECORDS);
		String deadLetterTopic = TestKafka.createTopic("poison-dlt-dead", 1, LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("poison-dlt");
		mapping(topic, group).withPropertyValues(entry("deadLetterTopic=" + deadLetterTopic))
			.withPropertyValues(entry("kafka.pauseOnError=true"))
			.run((context) -> {
				awaitAssignment(context);
				sendPoisons(topic);
				awaitCommittedEverywhere(group, topic, 3);
				assertThat(handled(context)).containsExactlyInAnyOrderElementsOf(validNumbers());
				assertThat(bridge(context).getPausedOnError()).isEmpty();
				assertLogged(output, topic, "; sent it to dead-letter topic " + deadLetterTopic);
				assertTriedOnce(context, topic);
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
			});
	}

	@Test
	void withPauseOnErrorEachPoisonRecordPausesItsPartitionUntilSkipped(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison-pause", POISONS.size(), LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("poison-pause");
		mapping(topic, group).withPropertyValues(entry("kafka.pauseOnError=true")).run((context) -> {
			KafkaConsumingBridge bridge = bridge(context);
			awaitAssignment(context);
			sendPoisons(topic);
			await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().size() == POISONS.size());
			awaitCommittedEverywhere(group, topic, 1);
			for (int partition = 0; partition < POISONS.size(); partition++) {
				FailedRecord failed = bridge.getPausedOnError().get(new TopicPartition(topic, partition));
				assertThat(failed.offset()).isEqualTo(1);
				assertThat(failed.exceptionClass()).as(POISONS.get(partition).description())
					.isEqualTo(POISONS.get(partition).exceptionClass());
			}
			assertThat(handled(context)).containsAll(numbers(100));
			assertLogged(output, topic, "; pausing the partition");
			for (int partition = 0; partition < POISONS.size(); partition++) {
				assertThat(bridge.skip(new TopicPartition(topic, partition))).isTrue();
			}
			awaitCommittedEverywhere(group, topic, 3);
			assertThat(handled(context)).containsAll(validNumbers());
			assertThat(bridge.getPausedOnError()).isEmpty();
			assertTriedOnce(context, topic);
		});
	}

	@ParameterizedTest(name = "fetch sizes: {0}")
	@ValueSource(strings = { "client defaults", "1024 bytes" })
	void aFiveMegabyteJsonValueIsHandledWhateverTheConsumersFetchSizes(String fetchSizes) {
		String topic = TestKafka.createTopic("large", 1, LARGE_RECORDS);
		String group = TestKafka.uniqueGroup("large");
		ApplicationContextRunner runner = mapping(topic, group);
		if (!fetchSizes.equals("client defaults")) {
			runner = runner.withPropertyValues(entry("kafka.maxBytesPerPartition=1024"), entry("kafka.maxBytes=1024"));
		}
		runner.run((context) -> {
			awaitAssignment(context);
			String text = "x".repeat(FIVE_MEGABYTES);
			send(topic, 0, utf8("{\"n\":1,\"text\":\"" + text + "\"}"));
			send(topic, 0, utf8("{\"n\":2}"));
			await().atMost(TestKafka.timeout())
				.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0)));
			TypedHandler handler = context.getBean(TypedHandler.class);
			assertThat(handler.numbers).containsExactly(1, 2);
			assertThat(handler.largestText).isEqualTo(FIVE_MEGABYTES);
		});
	}

	private ApplicationContextRunner mapping(String topic, String group) {
		return this.contextRunner.withPropertyValues(PREFIX + "clientId=poison",
				PREFIX + "brokers[0]=" + TestKafka.brokers(), entry("topic=" + EVENTS_TOPIC),
				entry("kafka.topics[0]=" + topic), entry("kafka.groupId=" + group), entry("kafka.fromBeginning=true"),
				entry("kafka.autoCommit=false"), entry("retry.attempts=3"), entry("retry.initialInterval=10ms"));
	}

	private static String entry(String property) {
		return PREFIX + "topics[0]." + property;
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

	private static void assertTriedOnce(ConfigurableApplicationContext context, String topic) {
		AttemptCounter attempts = context.getBean(AttemptCounter.class);
		for (int partition = 0; partition < POISONS.size(); partition++) {
			assertThat(attempts.attempts(new TopicPartition(topic, partition), 1))
				.as(POISONS.get(partition).description())
				.isEqualTo(1);
		}
	}

	private static List<Integer> handled(ConfigurableApplicationContext context) {
		return List.copyOf(context.getBean(TypedHandler.class).numbers);
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

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
	}

	private static void awaitAssignment(ConfigurableApplicationContext context) {
		await().atMost(TestKafka.timeout()).until(() -> bridge(context).getAssignedPartitions().size() > 0);
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

	@Configuration(proxyBeanMethods = false)
	static class TypedHandlerConfiguration {

		@Bean
		TypedHandler typedHandler() {
			return new TypedHandler();
		}

		@Bean
		AttemptCounter attemptCounter() {
			return new AttemptCounter();
		}

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
