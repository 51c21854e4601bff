package dev.kafkaevents.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.producer.KafkaEventPublishingException;
import dev.kafkaevents.test.RestartableKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * Integration tests for both bridges while their broker is stopped and started again,
 * against a {@link RestartableKafka} broker of their own.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerRestartIntegrationTests {

	private static final String TOPIC = "restart";

	private static final String RECEIVED = "restart.received";

	private static final String WITHIN_TIMEOUT = "restart.within-timeout";

	private static final String PAST_TIMEOUT = "restart.past-timeout";

	private static final String GATED_TOPIC = "restart-gated";

	private static final String GATED = "restart.gated";

	private static final Duration SHORT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration LONG_TIMEOUT = Duration.ofSeconds(60);

	private static RestartableKafka kafka;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class))
		.withUserConfiguration(RecordingHandlerConfiguration.class);

	@BeforeAll
	static void startBroker() throws Exception {
		kafka = RestartableKafka.start(TOPIC, GATED_TOPIC);
	}

	@AfterAll
	static void stopBroker() throws Exception {
		kafka.close();
	}

	@Test
	void bothBridgesRecoverOnTheirOwnAndOnlyEventsPublishedPastTheDeliveryTimeoutFail() {
		this.contextRunner.withPropertyValues(configuration()).run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			await().atMost(LONG_TIMEOUT)
				.until(() -> !bridges(context).getBridges().get(0).getAssignedPartitions().isEmpty());
			publish(context, WITHIN_TIMEOUT, "before-1").get(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			publish(context, PAST_TIMEOUT, "before-2").get(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(LONG_TIMEOUT).until(() -> handler.payloads.containsAll(List.of("before-1", "before-2")));
			String address = brokers();
			kafka.stopBroker();
			List<CompletableFuture<Void>> withinTimeout = publishAll(context, WITHIN_TIMEOUT, "within");
			List<CompletableFuture<Void>> pastTimeout = publishAll(context, PAST_TIMEOUT, "past");
			await().atMost(LONG_TIMEOUT).until(() -> pastTimeout.stream().allMatch(CompletableFuture::isDone));
			for (CompletableFuture<Void> future : pastTimeout) {
				assertThat(future).failsWithin(Duration.ZERO)
					.withThrowableOfType(ExecutionException.class)
					.havingCause()
					.isInstanceOf(EventDeliveryException.class)
					.havingCause()
					.isInstanceOf(KafkaEventPublishingException.class)
					.havingCause()
					.isInstanceOf(TimeoutException.class);
			}
			assertThat(withinTimeout).noneMatch(CompletableFuture::isDone);
			kafka.startBroker();
			assertThat(brokers()).isEqualTo(address);
			await().atMost(LONG_TIMEOUT).until(() -> withinTimeout.stream().allMatch(CompletableFuture::isDone));
			assertThat(withinTimeout).allSatisfy((future) -> assertThat(future).isCompleted());
			await().atMost(LONG_TIMEOUT)
				.until(() -> handler.payloads.containsAll(List.of("within-1", "within-2", "within-3")));
			publish(context, PAST_TIMEOUT, "after-2").get(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			publish(context, WITHIN_TIMEOUT, "after-1").get(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(LONG_TIMEOUT).until(() -> handler.payloads.containsAll(List.of("after-1", "after-2")));
			assertThat(handler.payloads).containsExactlyInAnyOrder("before-1", "before-2", "within-1", "within-2",
					"within-3", "after-2", "after-1");
		});
	}

	@Test
	void aCommitThatFailsWhileTheBrokerIsDownIsMadeOnceItIsBackWithoutHandlingTheRecordAgain(CapturedOutput output)
			throws Exception {
		String consuming = "events.modules.kafka.kafkaConsumingEventPublisher.gated.";
		this.contextRunner
			.withPropertyValues(consuming + "clientId=gated-consumer", consuming + "brokers[0]=" + brokers(),
					consuming + "topics[0].topic=" + GATED, consuming + "topics[0].kafka.topics[0]=" + GATED_TOPIC,
					consuming + "topics[0].kafka.groupId=gated", consuming + "topics[0].kafka.fromBeginning=true",
					consuming + "topics[0].kafka.autoCommit=false",
					consuming + "topics[0].kafka.properties[default.api.timeout.ms]=1000")
			.run((context) -> {
				GatedHandler handler = context.getBean(GatedHandler.class);
				await().atMost(LONG_TIMEOUT)
					.until(() -> !bridges(context).getBridges().get(0).getAssignedPartitions().isEmpty());
				try (Admin admin = admin(); KafkaProducer<byte[], byte[]> producer = producer()) {
					producer.send(new ProducerRecord<>(GATED_TOPIC, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)))
						.get();
					assertThat(handler.entered.await(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					kafka.stopBroker();
					handler.gate.countDown();
					await().atMost(LONG_TIMEOUT).until(() -> output.toString().contains("could not commit offsets"));
					kafka.startBroker();
					await().atMost(LONG_TIMEOUT).until(() -> committed(admin, "gated") == 1);
				}
				assertThat(handler.finished).hasValue(1);
			});
	}

	private static String[] configuration() {
		String consuming = "events.modules.kafka.kafkaConsumingEventPublisher.restart.";
		String publishing = "events.modules.kafka.kafkaPublishingEventConsumer.restart.";
		return new String[] { consuming + "clientId=restart-consumer", consuming + "brokers[0]=" + brokers(),
				consuming + "topics[0].topic=" + RECEIVED, consuming + "topics[0].kafka.topics[0]=" + TOPIC,
				consuming + "topics[0].kafka.groupId=restart", consuming + "topics[0].kafka.fromBeginning=true",
				publishing + "clientId=restart-producer", publishing + "brokers[0]=" + brokers(),
				publishing + "topics[0].topic=" + WITHIN_TIMEOUT, publishing + "topics[0].kafka.topic=" + TOPIC,
				publishing + "topics[1].topic=" + PAST_TIMEOUT, publishing + "topics[1].kafka.topic=" + TOPIC,
				publishing + "topics[1].kafka.properties[delivery.timeout.ms]=" + SHORT_DELIVERY_TIMEOUT.toMillis(),
				publishing + "topics[1].kafka.properties[max.block.ms]=" + SHORT_DELIVERY_TIMEOUT.toMillis(),
				publishing + "topics[1].kafka.properties[request.timeout.ms]=2000" };
	}

	private static CompletableFuture<Void> publish(ConfigurableApplicationContext context, String topic, String name) {
		return context.getBean(EventsService.class).publish(EventParams.of(topic, Map.of("name", name)));
	}

	private static List<CompletableFuture<Void>> publishAll(ConfigurableApplicationContext context, String topic,
			String prefix) {
		return IntStream.rangeClosed(1, 3)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> publish(context, topic, prefix + "-" + i))
				.thenCompose(Function.identity()))
			.toList();
	}

	private static KafkaConsumingBridges bridges(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class);
	}

	private static String brokers() {
		return kafka.brokers();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
	}

	private static KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static long committed(Admin admin, String group) throws Exception {
		OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(new TopicPartition(GATED_TOPIC, 0));
		return (offset != null) ? offset.offset() : -1;
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlerConfiguration {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

		@Bean
		GatedHandler gatedHandler() {
			return new GatedHandler();
		}

	}

	/**
	 * Holds the first event until the test opens its gate.
	 */
	static class GatedHandler {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch gate = new CountDownLatch(1);

		final AtomicInteger finished = new AtomicInteger();

		@EventHandler(GATED)
		void handle(EventParams event) throws InterruptedException {
			this.entered.countDown();
			assertThat(this.gate.await(LONG_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			this.finished.incrementAndGet();
		}

	}

	static class RecordingHandler {

		final Queue<String> payloads = new ConcurrentLinkedQueue<>();

		@EventHandler(RECEIVED)
		void handle(Map<String, String> payload) {
			this.payloads.add(payload.get("name"));
		}

	}

}
