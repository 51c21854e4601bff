package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaPublishingBridge} against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaPublishingBridgeIntegrationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	private static final String EVENTS_TOPIC = "test.outgoing";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class));

	private final JsonMapper jsonMapper = new JsonMapper();

	@Test
	void eachPayloadKindArrivesWithTheRightBytesOnceThePublishCompletes() {
		String topic = TestKafka.createTopic("payloads", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic)).run((context) -> {
			Map<String, Object> object = new LinkedHashMap<>();
			object.put("hello", "world");
			object.put("n", 1);
			List<@Nullable Object> payloads = Arrays.asList(object, List.of(1, "two"), "plain text", 42, true, null,
					new byte[] { 0, 1, (byte) 0xff }, new Order("o-1", 2),
					JsonNodeFactory.instance.objectNode().put("node", true));
			for (Object payload : payloads) {
				publish(context, EventParams.of(EVENTS_TOPIC, payload)).get(30, TimeUnit.SECONDS);
			}
			List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, payloads.size());
			assertThat(records).extracting((record) -> text(record.value()))
				.containsExactly("{\"hello\":\"world\",\"n\":1}", "[1,\"two\"]", "plain text", "42", "true", "null",
						text(new byte[] { 0, 1, (byte) 0xff }), "{\"id\":\"o-1\",\"quantity\":2}", "{\"node\":true}");
			assertThat(records.get(6).value()).containsExactly(0, 1, 0xff);
			assertThat(records).allSatisfy((record) -> {
				assertThat(record.key()).isNull();
				assertThat(record.headers().toArray()).isEmpty();
			});
			assertThat(bridge(context).getSentCount()).isEqualTo(payloads.size());
		});
	}

	@Test
	void metadataIsNotSentAsHeadersUnlessForwardingIsOn() {
		String topic = TestKafka.createTopic("no-headers", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "headers.forward=false"))
			.run((context) -> {
				publish(context, new EventParams(EVENTS_TOPIC, Map.of("hello", "world"),
						metadata("trace-id", "id-123", "type", "UserCreated")))
					.get(30, TimeUnit.SECONDS);
				assertThat(TestKafka.records(topic, 1).get(0).headers().toArray()).isEmpty();
			});
	}

	@Test
	void forwardedHeadersLeaveOutAuthorizationByDefault() {
		String topic = TestKafka.createTopic("default-blacklist", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "headers.forward=true"))
			.run((context) -> {
				publish(context,
						new EventParams(EVENTS_TOPIC, Map.of("hello", "world"),
								metadata("Authorization", "Bearer abc", "trace-id", "id-123")))
					.get(30, TimeUnit.SECONDS);
				ConsumerRecord<byte[], byte[]> record = TestKafka.records(topic, 1).get(0);
				assertThat(headers(record)).containsExactly("trace-id=id-123");
				assertThat(text(record.value())).isEqualTo("{\"hello\":\"world\"}");
			});
	}

	@Test
	void whitelistForwardsOnlyTheListedMetadata() {
		String topic = TestKafka.createTopic("whitelist", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "headers.forward=true"),
					entry("dev", 0, "headers.whitelist[0]=trace-id"))
			.run((context) -> {
				publish(context,
						new EventParams(EVENTS_TOPIC, "data", metadata("trace-id", "id-123", "type", "UserCreated")))
					.get(30, TimeUnit.SECONDS);
				ConsumerRecord<byte[], byte[]> record = TestKafka.records(topic, 1).get(0);
				assertThat(headers(record)).containsExactly("trace-id=id-123");
				assertThat(text(record.value())).isEqualTo("data");
			});
	}

	@Test
	void repeatedMetadataBecomesRepeatedHeadersAndNullBecomesAHeaderWithoutValue() {
		String topic = TestKafka.createTopic("repeated-headers", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "headers.forward=true"), entry("dev", 0, "headers.blacklist[0]=secret"))
			.run((context) -> {
				EventMetadata metadata = EventMetadata.builder()
					.add("tag", "a")
					.add("tag", "b")
					.add("optional", null)
					.add("Secret", "s")
					.add("authorization", "forwarded because the blacklist is configured")
					.add(KafkaEventOrigin.METADATA_NAME, "elsewhere:9092|other")
					.build();
				publish(context, new EventParams(EVENTS_TOPIC, "x", metadata)).get(30, TimeUnit.SECONDS);
				ConsumerRecord<byte[], byte[]> record = TestKafka.records(topic, 1).get(0);
				assertThat(headers(record)).containsExactly("tag=a", "tag=b", "optional=null",
						"authorization=forwarded because the blacklist is configured");
			});
	}

	@Test
	void eventsWithTheSameMetadataKeyGoToOnePartitionInOrder() {
		String topic = TestKafka.createTopic("metadata-key", 3);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.key=entity-ref"))
			.run((context) -> {
				int count = 60;
				List<CompletableFuture<Void>> futures = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					futures.add(publish(context, new EventParams(EVENTS_TOPIC, Map.of("seq", i),
							metadata("entity-ref", "entity-" + (i % 6)))));
				}
				CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				assertKeysKeepPartitionAndOrder(TestKafka.records(topic, count), 6);
			});
	}

	@Test
	void eventsWithTheSameJsonPointerKeyGoToOnePartitionInOrder() {
		String topic = TestKafka.createTopic("pointer-key", 3);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.key=/entity/id"))
			.run((context) -> {
				int count = 60;
				List<CompletableFuture<Void>> futures = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					futures.add(publish(context, EventParams.of(EVENTS_TOPIC,
							Map.of("seq", i, "entity", Map.of("id", "entity-" + (i % 6))))));
				}
				CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, count);
				assertKeysKeepPartitionAndOrder(records, 6);
				assertThat(records).extracting((record) -> text(record.key())).contains("entity-0", "entity-5");
			});
	}

	@Test
	void eventWithoutTheKeySourceIsSentWithoutKey() {
		String topic = TestKafka.createTopic("missing-key", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.key=/entity/id"))
			.run((context) -> {
				publish(context, EventParams.of(EVENTS_TOPIC, Map.of("other", 1))).get(30, TimeUnit.SECONDS);
				assertThat(TestKafka.records(topic, 1).get(0).key()).isNull();
			});
	}

	@Test
	void sendingToATopicThatDoesNotExistFailsThePublishNamingInstanceAndTopics(CapturedOutput output) {
		String topic = "missing-" + System.nanoTime();
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.properties[max.block.ms]=1000"))
			.run((context) -> {
				KafkaEventPublishingException failure = publishingFailure(
						publish(context, EventParams.of(EVENTS_TOPIC, Map.of("a", 1))));
				assertThat(failure).hasMessageContaining("instance 'dev'")
					.hasMessageContaining("events topic '" + EVENTS_TOPIC + "'")
					.hasMessageContaining("Kafka topic '" + topic + "'")
					.hasMessageContaining("not present in metadata after 1000 ms");
				assertThat(failure.getKafkaTopic()).isEqualTo(topic);
				assertThat(bridge(context).getFailedCount()).isOne();
				assertThat(output).contains(failure.getMessage());
			});
	}

	@Test
	void recordTooLargeFailsThePublishNamingInstanceAndTopics() {
		String topic = TestKafka.createTopic("too-large", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.properties[max.request.size]=1024"))
			.run((context) -> {
				KafkaEventPublishingException failure = publishingFailure(
						publish(context, EventParams.of(EVENTS_TOPIC, "x".repeat(2048))));
				assertThat(failure).hasMessageContaining("instance 'dev'")
					.hasMessageContaining("Kafka topic '" + topic + "'")
					.hasMessageContaining("RecordTooLargeException");
				publish(context, EventParams.of(EVENTS_TOPIC, "small")).get(30, TimeUnit.SECONDS);
				assertThat(bridge(context).getFailedCount()).isOne();
				assertThat(bridge(context).getSentCount()).isOne();
			});
	}

	@Test
	void unreachableBrokersFailThePublishOnceTheClientGivesUp() {
		this.contextRunner.withPropertyValues(PUBLISHING + "gone.clientId=gone",
				PUBLISHING + "gone.brokers[0]=localhost:1", PUBLISHING + "gone.properties[max.block.ms]=1000",
				PUBLISHING + "gone.topics[0].topic=" + EVENTS_TOPIC, PUBLISHING + "gone.topics[0].kafka.topic=nowhere")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				KafkaEventPublishingException failure = publishingFailure(
						publish(context, EventParams.of(EVENTS_TOPIC, "lost?")));
				assertThat(failure).hasMessageContaining("instance 'gone'")
					.hasMessageContaining("events topic '" + EVENTS_TOPIC + "'")
					.hasMessageContaining("Kafka topic 'nowhere'")
					.hasMessageContaining("TimeoutException");
			});
	}

	@Test
	void recordsRelayedFromOneKafkaTopicToAnotherKeepTheirPayloadAndForwardedHeaders() {
		String source = TestKafka.createTopic("relay-in", 1);
		String target = TestKafka.createTopic("relay-out", 1);
		this.contextRunner.withPropertyValues(consuming("in", source, "relay"))
			.withPropertyValues(publishing("out", 0, "relay", target))
			.withPropertyValues(entry("out", 0, "headers.forward=true"))
			.run((context) -> {
				String json = "{\"entity\":{\"id\":\"e-1\",\"tags\":[\"a\",\"b\"]},\"n\":1.5,\"ok\":true}";
				TestKafka.send(source, 0, json.getBytes(StandardCharsets.UTF_8), "trace-id", "id-123", "tag", "a",
						"tag", "b", "Authorization", "Bearer abc");
				ConsumerRecord<byte[], byte[]> record = TestKafka.records(target, 1).get(0);
				assertThat(this.jsonMapper.readTree(record.value())).isEqualTo(this.jsonMapper.readTree(json));
				assertThat(headers(record)).containsExactly("trace-id=id-123", "tag=a", "tag=b");
				await().atMost(TestKafka.timeout()).until(() -> bridge(context).getSentCount() == 1);
			});
	}

	@Test
	void eventThatCameFromTheTargetTopicOfTheSameClusterIsNotSentBack() {
		String topic = TestKafka.createTopic("echo", 1);
		String other = TestKafka.createTopic("echo-other", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic)).run((context) -> {
			String cluster = KafkaEventOrigin.cluster(List.of(TestKafka.brokers()));
			publish(context,
					new EventParams(EVENTS_TOPIC, "echo",
							metadata(KafkaEventOrigin.METADATA_NAME, KafkaEventOrigin.of(cluster, topic))))
				.get(30, TimeUnit.SECONDS);
			publish(context,
					new EventParams(EVENTS_TOPIC, "from another topic",
							metadata(KafkaEventOrigin.METADATA_NAME, KafkaEventOrigin.of(cluster, other))))
				.get(30, TimeUnit.SECONDS);
			publish(context,
					new EventParams(EVENTS_TOPIC, "from another cluster",
							metadata(KafkaEventOrigin.METADATA_NAME, KafkaEventOrigin.of("elsewhere:9092", topic))))
				.get(30, TimeUnit.SECONDS);
			assertThat(TestKafka.records(topic, 2)).extracting((record) -> text(record.value()))
				.containsExactly("from another topic", "from another cluster");
			assertThat(bridge(context).getSkippedEchoCount()).isOne();
			assertThat(TestKafka.recordCount(topic)).isEqualTo(2);
		});
	}

	@Test
	void recordRepublishedByAHandlerIsNotSentBackToTheTopicItWasConsumedFrom() {
		String topic = TestKafka.createTopic("echo-loop", 1);
		this.contextRunner.withPropertyValues(consuming("in", topic, "incoming"))
			.withPropertyValues(publishing("out", 0, EVENTS_TOPIC, topic))
			.withUserConfiguration(RepublishingHandlerConfiguration.class)
			.run((context) -> {
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				RepublishingHandler handler = context.getBean(RepublishingHandler.class);
				await().atMost(TestKafka.timeout()).until(() -> bridge(context).getSkippedEchoCount() == 1);
				assertThat(handler.republished).hasSize(1);
				assertThat(handler.republished.get(0).metadata().get(KafkaEventOrigin.METADATA_NAME))
					.isEqualTo(KafkaEventOrigin.of(List.of(TestKafka.brokers()), topic));
				assertThat(TestKafka.recordCount(topic)).isOne();
				assertThat(bridge(context).getSentCount()).isZero();
			});
	}

	@Test
	void closingTheContextSendsWhatWasPublishedBefore() {
		String topic = TestKafka.createTopic("flush", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withPropertyValues(entry("dev", 0, "kafka.properties[linger.ms]=60000"),
					entry("dev", 0, "kafka.properties[delivery.timeout.ms]=120000"))
			.run((context) -> {
				int count = 20;
				List<CompletableFuture<Void>> futures = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					futures.add(publish(context, EventParams.of(EVENTS_TOPIC, Map.of("n", i))));
				}
				assertThat(futures).noneMatch(CompletableFuture::isDone);
				context.close();
				assertThat(futures).allMatch((future) -> future.isDone() && !future.isCompletedExceptionally());
				assertThat(TestKafka.records(topic, count)).hasSize(count);
			});
	}

	@Test
	void publishingDuringAndAfterShutdownFailsNamingTheMapping() {
		String topic = TestKafka.createTopic("late", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withUserConfiguration(LatePublisherConfiguration.class)
			.run((context) -> {
				LatePublisher late = context.getBean(LatePublisher.class);
				KafkaPublishingBridge bridge = bridge(context);
				context.close();
				Throwable duringShutdown = failure(late.future);
				assertThat(duringShutdown).isInstanceOf(EventDeliveryException.class)
					.cause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("mapping 'dev." + EVENTS_TOPIC + "'")
					.hasMessageContaining("is stopped");
				assertThat(failure(bridge.onEvent(EventParams.of(EVENTS_TOPIC, "after"))))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("mapping 'dev." + EVENTS_TOPIC + "'");
				assertThat(TestKafka.recordCount(topic)).isZero();
			});
	}

	@Test
	void instanceTemplateInjectedByQualifierSendsWithTheInstanceSettings() {
		String topic = TestKafka.createTopic("template", 1);
		this.contextRunner.withPropertyValues(publishing("dev", 0, EVENTS_TOPIC, topic))
			.withUserConfiguration(TemplateUserConfiguration.class)
			.run((context) -> {
				TemplateUser user = context.getBean(TemplateUser.class);
				user.template
					.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
							"direct".getBytes(StandardCharsets.UTF_8)))
					.get(30, TimeUnit.SECONDS);
				ConsumerRecord<byte[], byte[]> record = TestKafka.records(topic, 1).get(0);
				assertThat(text(record.key())).isEqualTo("k");
				assertThat(text(record.value())).isEqualTo("direct");
				assertThat(user.template).isSameAs(bridge(context).getTemplate());
			});
	}

	private static void assertKeysKeepPartitionAndOrder(List<ConsumerRecord<byte[], byte[]>> records, int keys) {
		Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = records.stream()
			.collect(Collectors.groupingBy((record) -> text(record.key()), LinkedHashMap::new, Collectors.toList()));
		assertThat(byKey).hasSize(keys);
		byKey.forEach((key, keyed) -> {
			assertThat(keyed).extracting(ConsumerRecord::partition).containsOnly(keyed.get(0).partition());
			List<Integer> sequence = keyed.stream().map(KafkaPublishingBridgeIntegrationTests::seq).toList();
			assertThat(sequence).isSorted();
		});
		assertThat(records.stream().map(ConsumerRecord::partition).distinct().count()).isGreaterThan(1);
	}

	private static int seq(ConsumerRecord<byte[], byte[]> record) {
		String value = text(record.value());
		int start = value.indexOf("\"seq\":") + 6;
		int end = start;
		while (end < value.length() && Character.isDigit(value.charAt(end))) {
			end++;
		}
		return Integer.parseInt(value.substring(start, end));
	}

	private static CompletableFuture<Void> publish(ConfigurableApplicationContext context, EventParams event) {
		return context.getBean(EventsService.class).publish(event);
	}

	private static KafkaPublishingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaPublishingBridges.class).getBridges().get(0);
	}

	private static KafkaEventPublishingException publishingFailure(CompletableFuture<?> future) {
		Throwable failure = failure(future);
		assertThat(failure).isInstanceOf(EventDeliveryException.class);
		assertThat(failure.getCause()).isInstanceOf(KafkaEventPublishingException.class);
		return (KafkaEventPublishingException) failure.getCause();
	}

	private static Throwable failure(CompletableFuture<?> future) {
		try {
			future.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError("Expected the future to fail");
	}

	private static EventMetadata metadata(String... namesAndValues) {
		EventMetadata.Builder builder = EventMetadata.builder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			builder.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return builder.build();
	}

	private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
		List<String> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			headers.add(header.key() + "=" + ((header.value() != null) ? text(header.value()) : "null"));
		}
		return headers;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String[] publishing(String instance, int index, String eventsTopic, String kafkaTopic) {
		String prefix = PUBLISHING + instance;
		return new String[] { prefix + ".clientId=test-" + instance, prefix + ".brokers[0]=" + TestKafka.brokers(),
				entry(instance, index, "topic=" + eventsTopic), entry(instance, index, "kafka.topic=" + kafkaTopic) };
	}

	private static String entry(String instance, int index, String property) {
		return PUBLISHING + instance + ".topics[" + index + "]." + property;
	}

	private static String[] consuming(String instance, String kafkaTopic, String eventsTopic) {
		String prefix = CONSUMING + instance;
		return new String[] { prefix + ".clientId=test-" + instance, prefix + ".brokers[0]=" + TestKafka.brokers(),
				prefix + ".topics[0].topic=" + eventsTopic, prefix + ".topics[0].kafka.topics[0]=" + kafkaTopic,
				prefix + ".topics[0].kafka.groupId=" + TestKafka.uniqueGroup(instance),
				prefix + ".topics[0].kafka.fromBeginning=true" };
	}

	record Order(String id, int quantity) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RepublishingHandlerConfiguration {

		@Bean
		RepublishingHandler republishingHandler(EventsService eventsService) {
			return new RepublishingHandler(eventsService);
		}

	}

	static class RepublishingHandler {

		private final EventsService eventsService;

		final List<EventParams> republished = new CopyOnWriteArrayList<>();

		RepublishingHandler(EventsService eventsService) {
			this.eventsService = eventsService;
		}

		@EventHandler("incoming")
		CompletionStage<Void> republish(EventParams event) {
			EventParams copy = new EventParams(EVENTS_TOPIC, event.eventPayload(), event.metadata());
			this.republished.add(copy);
			return this.eventsService.publish(copy);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LatePublisherConfiguration {

		@Bean
		LatePublisher latePublisher(EventsService eventsService) {
			return new LatePublisher(eventsService);
		}

	}

	static class LatePublisher implements SmartLifecycle {

		private final EventsService eventsService;

		private volatile boolean running;

		volatile CompletableFuture<Void> future = new CompletableFuture<>();

		LatePublisher(EventsService eventsService) {
			this.eventsService = eventsService;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.future = this.eventsService.publish(EventParams.of(EVENTS_TOPIC, "during shutdown"));
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return KafkaPublishingBridges.PHASE - 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateUserConfiguration {

		@Bean
		TemplateUser templateUser(@Qualifier("dev") KafkaTemplate<byte[], byte[]> template) {
			return new TemplateUser(template);
		}

	}

	record TemplateUser(KafkaTemplate<byte[], byte[]> template) {

	}

}
