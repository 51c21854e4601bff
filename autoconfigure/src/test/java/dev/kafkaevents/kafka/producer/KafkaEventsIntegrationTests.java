package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.test.TestKafka;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaEvents} against the in-JVM KRaft broker: publish
 * results checked against what a raw consumer reads at their coordinates, and typed
 * events.
 *
 * @author kafka-events
 */
class KafkaEventsIntegrationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	private static final String ORDERS = "orders";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class))
		.withPropertyValues(PUBLISHING + "dev.clientId=test-results",
				PUBLISHING + "dev.brokers[0]=" + TestKafka.brokers());

	private final JsonMapper jsonMapper = new JsonMapper();

	@Test
	void resultListsTheRecordOfEachMappingWhereARawConsumerReadsIt() {
		String first = TestKafka.createTopic("results-first", 3);
		String second = TestKafka.createTopic("results-second", 2);
		this.contextRunner.withPropertyValues(mapping(0, ORDERS, first))
			.withPropertyValues(mapping(1, ORDERS, second))
			.withPropertyValues(PUBLISHING + "dev.topics[0].kafka.key=/id")
			.run((context) -> {
				List<EventParams> received = new CopyOnWriteArrayList<>();
				context.getBean(EventsService.class)
					.subscribe("recorder", List.of(ORDERS), EventSubscriber.of(received::add));
				List<CompletableFuture<KafkaPublishResult>> futures = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					futures.add(kafkaEvents(context).publish(EventParams.of(ORDERS, Map.of("id", "o-" + i, "n", i))));
				}
				Map<String, ConsumerRecord<byte[], byte[]>> read = byCoordinates(TestKafka.records(first, 12));
				read.putAll(byCoordinates(TestKafka.records(second, 12)));
				for (int i = 0; i < futures.size(); i++) {
					KafkaPublishResult result = futures.get(i).get(30, TimeUnit.SECONDS);
					assertThat(result.event().eventPayload()).isEqualTo(Map.of("id", "o-" + i, "n", i));
					assertThat(result.records()).extracting(PublishedRecord::mappingId)
						.containsExactly("dev." + ORDERS, "dev." + ORDERS + ".2");
					assertThat(result.records()).extracting(PublishedRecord::topic).containsExactly(first, second);
					assertThat(result.records()).extracting(PublishedRecord::instance).containsOnly("dev");
					for (PublishedRecord published : result.records()) {
						ConsumerRecord<byte[], byte[]> record = read.get(coordinates(published));
						assertThat(this.jsonMapper.readTree(record.value()))
							.isEqualTo(this.jsonMapper.valueToTree(Map.of("id", "o-" + i, "n", i)));
						assertThat(record.timestamp()).isEqualTo(published.timestamp().toEpochMilli());
					}
					assertThat(text(read.get(coordinates(result.records().get(0))).key())).isEqualTo("o-" + i);
					assertThat(read.get(coordinates(result.records().get(1))).key()).isNull();
				}
				assertThat(received).extracting(EventParams::eventPayload)
					.containsExactlyElementsOf(
							futures.stream().map((future) -> future.join().event().eventPayload()).toList());
				assertThat(futures.stream().map((future) -> future.join().records().get(0).partition()).distinct())
					.hasSizeGreaterThan(1);
			});
	}

	@Test
	void sameEventInstancePublishedTwiceAtOnceGetsTheCoordinatesOfEachRecord() {
		String topic = TestKafka.createTopic("results-twice", 1);
		this.contextRunner.withPropertyValues(mapping(0, ORDERS, topic)).run((context) -> {
			EventParams event = EventParams.of(ORDERS, "twice");
			CompletableFuture<KafkaPublishResult> once = kafkaEvents(context).publish(event);
			CompletableFuture<KafkaPublishResult> twice = kafkaEvents(context).publish(event);
			assertThat(List.of(once.get(30, TimeUnit.SECONDS), twice.get(30, TimeUnit.SECONDS)))
				.flatExtracting(KafkaPublishResult::records)
				.extracting(PublishedRecord::offset)
				.containsExactlyInAnyOrder(0L, 1L);
		});
	}

	@Test
	void eventThatNoMappingSendsCompletesWithoutRecords() {
		String topic = TestKafka.createTopic("results-none", 1);
		this.contextRunner.withPropertyValues(mapping(0, ORDERS, topic)).run((context) -> {
			String cluster = KafkaEventOrigin.cluster(List.of(TestKafka.brokers()));
			EventParams echo = new EventParams(ORDERS, "echo",
					EventMetadata.builder()
						.add(KafkaEventOrigin.METADATA_NAME, KafkaEventOrigin.of(cluster, topic))
						.build());
			assertThat(kafkaEvents(context).publish(echo).get(30, TimeUnit.SECONDS).records()).isEmpty();
			assertThat(
					kafkaEvents(context).publish(EventParams.of("unmapped", "x")).get(30, TimeUnit.SECONDS).records())
				.isEmpty();
			assertThat(TestKafka.recordCount(topic)).isZero();
		});
	}

	@Test
	void failedSendFailsTheResultWithTheDeliveryExceptionOfThePublishingFailure() {
		String missing = "missing-" + System.nanoTime();
		this.contextRunner.withPropertyValues(mapping(0, ORDERS, missing))
			.withPropertyValues(PUBLISHING + "dev.topics[0].kafka.properties[max.block.ms]=1000")
			.run((context) -> {
				CompletableFuture<KafkaPublishResult> result = kafkaEvents(context)
					.publish(EventParams.of(ORDERS, "lost?"));
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> result.get(30, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(EventDeliveryException.class)
					.havingCause()
					.isInstanceOf(KafkaEventPublishingException.class)
					.withMessageContaining("Kafka topic '" + missing + "'")
					.withMessageContaining("mapping 'dev." + ORDERS + "'");
			});
	}

	@Test
	void objectGoesToTheEventsTopicOfItsPayloadTypeWithItsKey() {
		String created = TestKafka.createTopic("typed-created", 3);
		String shipped = TestKafka.createTopic("typed-shipped", 3);
		this.contextRunner.withPropertyValues(mapping(0, "orders.created", created))
			.withPropertyValues(mapping(1, "orders.shipped", shipped))
			.withPropertyValues(PUBLISHING + "dev.topics[0].payloadType=" + OrderCreated.class.getName(),
					PUBLISHING + "dev.topics[0].kafka.key=orderId",
					PUBLISHING + "dev.topics[1].payload-type=" + ShipmentEvent.class.getName(),
					PUBLISHING + "dev.topics[1].kafka.key=/order/id")
			.withUserConfiguration(OrderHandlersConfiguration.class)
			.run((context) -> {
				KafkaPublishResult createdResult = kafkaEvents(context).publish(new OrderCreated("o-7", 3))
					.get(30, TimeUnit.SECONDS);
				KafkaPublishResult shippedResult = kafkaEvents(context)
					.publish(new OrderShipped(new OrderRef("o-7"), "DHL"),
							EventMetadata.builder().add("by", "test").build())
					.get(30, TimeUnit.SECONDS);
				assertThat(createdResult.event().topic()).isEqualTo("orders.created");
				assertThat(shippedResult.event().topic()).isEqualTo("orders.shipped");
				ConsumerRecord<byte[], byte[]> createdRecord = readAt(createdResult.records().get(0));
				assertThat(createdRecord.topic()).isEqualTo(created);
				assertThat(text(createdRecord.key())).isEqualTo("o-7");
				assertThat(text(createdRecord.value())).isEqualTo("{\"orderId\":\"o-7\",\"quantity\":3}");
				ConsumerRecord<byte[], byte[]> shippedRecord = readAt(shippedResult.records().get(0));
				assertThat(shippedRecord.topic()).isEqualTo(shipped);
				assertThat(text(shippedRecord.key())).isEqualTo("o-7");
				assertThat(text(shippedRecord.value())).isEqualTo("{\"order\":{\"id\":\"o-7\"},\"carrier\":\"DHL\"}");
				OrderHandlers handlers = context.getBean(OrderHandlers.class);
				assertThat(handlers.created).containsExactly(new OrderCreated("o-7", 3));
				assertThat(handlers.shippedBy).containsExactly("test");
			});
	}

	@Test
	void objectOfATypeThatNoMappingCarriesIsRefusedNamingTheType() {
		String topic = TestKafka.createTopic("typed-none", 1);
		this.contextRunner.withPropertyValues(mapping(0, "orders.created", topic))
			.withPropertyValues(PUBLISHING + "dev.topics[0].payloadType=" + OrderCreated.class.getName())
			.run((context) -> {
				assertThatIllegalArgumentException().isThrownBy(() -> kafkaEvents(context).publish("plain text"))
					.withMessageContaining("No Kafka events publishing mapping carries java.lang.String");
				assertThat(TestKafka.recordCount(topic)).isZero();
			});
	}

	@Test
	void eventPublishedBeforeTheBridgesStartReportsItsRecordOnceSent() {
		String topic = TestKafka.createTopic("results-early", 1);
		this.contextRunner.withPropertyValues(mapping(0, ORDERS, topic))
			.withUserConfiguration(EarlyPublisherConfiguration.class)
			.run((context) -> {
				EarlyPublisher early = context.getBean(EarlyPublisher.class);
				await().atMost(TestKafka.timeout()).until(() -> early.result.isDone());
				PublishedRecord record = early.result.get().records().get(0);
				assertThat(record.topic()).isEqualTo(topic);
				assertThat(text(readAt(record).value())).isEqualTo("early");
			});
	}

	private static KafkaEvents kafkaEvents(ConfigurableApplicationContext context) {
		return context.getBean(KafkaEvents.class);
	}

	private static ConsumerRecord<byte[], byte[]> readAt(PublishedRecord published) {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		TopicPartition partition = new TopicPartition(published.topic(), published.partition());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seek(partition, published.offset());
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(TestKafka.timeout()).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(100)).records(partition).forEach(records::add);
				return !records.isEmpty();
			});
			assertThat(records.get(0).offset()).isEqualTo(published.offset());
			return records.get(0);
		}
	}

	private static Map<String, ConsumerRecord<byte[], byte[]>> byCoordinates(
			List<ConsumerRecord<byte[], byte[]>> records) {
		Map<String, ConsumerRecord<byte[], byte[]>> byCoordinates = new HashMap<>();
		records.forEach((record) -> byCoordinates.put(record.topic() + "/" + record.partition() + "/" + record.offset(),
				record));
		return byCoordinates;
	}

	private static String coordinates(PublishedRecord record) {
		return record.topic() + "/" + record.partition() + "/" + record.offset();
	}

	private static String[] mapping(int index, String eventsTopic, String kafkaTopic) {
		String prefix = PUBLISHING + "dev.topics[" + index + "].";
		return new String[] { prefix + "topic=" + eventsTopic, prefix + "kafka.topic=" + kafkaTopic };
	}

	private static @Nullable String text(byte @Nullable [] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	record OrderCreated(String orderId, int quantity) {
	}

	interface ShipmentEvent {

	}

	record OrderRef(String id) {
	}

	record OrderShipped(OrderRef order, String carrier) implements ShipmentEvent {
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderHandlersConfiguration {

		@Bean
		OrderHandlers orderHandlers() {
			return new OrderHandlers();
		}

	}

	static class OrderHandlers {

		final List<OrderCreated> created = new CopyOnWriteArrayList<>();

		final List<String> shippedBy = new CopyOnWriteArrayList<>();

		@EventHandler("orders.created")
		void onCreated(OrderCreated order) {
			this.created.add(order);
		}

		@EventHandler("orders.shipped")
		void onShipped(OrderShipped shipped, EventMetadata metadata) {
			this.shippedBy.add(metadata.get("by"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyPublisherConfiguration {

		@Bean
		EarlyPublisher earlyPublisher(KafkaEvents kafkaEvents) {
			return new EarlyPublisher(kafkaEvents);
		}

	}

	static class EarlyPublisher {

		private final KafkaEvents kafkaEvents;

		volatile CompletableFuture<KafkaPublishResult> result = new CompletableFuture<>();

		EarlyPublisher(KafkaEvents kafkaEvents) {
			this.kafkaEvents = kafkaEvents;
		}

		@PostConstruct
		void publish() {
			this.result = this.kafkaEvents.publish(EventParams.of(ORDERS, "early"));
		}

	}

}
