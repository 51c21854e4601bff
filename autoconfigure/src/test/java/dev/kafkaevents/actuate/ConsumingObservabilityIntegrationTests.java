package dev.kafkaevents.actuate;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.kafkaevents.actuate.metrics.KafkaEventsMeters;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the operations documentation promises about consuming mappings, seen from outside
 * through Actuator over HTTP and the meter registry, against the in-JVM broker: lag in
 * the endpoint and in {@code kafka.events.lag}, the {@code kafka.events.handling} timer,
 * the paused-partitions gauge, the Kafka consumers' own metrics tagged by instance and
 * mapping, the {@code NOT_CONNECTED} state, and the health of a {@code STOPPED} mapping.
 *
 * @author kafka-events
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,kafkaevents",
				"management.endpoint.health.show-details=always" })
class ConsumingObservabilityIntegrationTests {

	private static final int BACKLOG = 10;

	private static final String LAGGING_TOPIC = createTopicWithBacklog();

	private static final String PAUSED_TOPIC = TestKafka.createTopic("observed-paused", 2);

	private static final String STOPPED_TOPIC = TestKafka.createTopic("observed-stopped", 1);

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaConsumingBridges bridges;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void kafkaEvents(DynamicPropertyRegistry registry) {
		String observed = CONSUMING + "observed.";
		registry.add(observed + "clientId", () -> "observed");
		registry.add(observed + "brokers[0]", TestKafka::brokers);
		mapping(registry, observed, 0, "lagging", LAGGING_TOPIC);
		registry.add(observed + "topics[0].kafka.properties[max.poll.records]", () -> "1");
		mapping(registry, observed, 1, "paused", PAUSED_TOPIC);
		String stoppable = CONSUMING + "stoppable.";
		registry.add(stoppable + "clientId", () -> "stoppable");
		registry.add(stoppable + "brokers[0]", TestKafka::brokers);
		mapping(registry, stoppable, 0, "stopped", STOPPED_TOPIC);
		String unreachable = CONSUMING + "unreachable.";
		registry.add(unreachable + "clientId", () -> "unreachable");
		registry.add(unreachable + "brokers[0]", () -> "127.0.0.1:1");
		mapping(registry, unreachable, 0, "nowhere", "nowhere");
	}

	private static void mapping(DynamicPropertyRegistry registry, String instance, int index, String eventsTopic,
			String kafkaTopic) {
		String entry = instance + "topics[" + index + "].";
		registry.add(entry + "topic", () -> eventsTopic);
		registry.add(entry + "kafka.topics[0]", () -> kafkaTopic);
		registry.add(entry + "kafka.groupId", () -> TestKafka.uniqueGroup(eventsTopic));
		registry.add(entry + "kafka.fromBeginning", () -> "true");
	}

	private static String createTopicWithBacklog() {
		String topic = TestKafka.createTopic("observed-lag", 1);
		for (int i = 0; i < BACKLOG; i++) {
			TestKafka.sendJson(topic, 0, "{\"n\":" + i + "}");
		}
		return topic;
	}

	@AfterAll
	static void openTheGate() {
		Gate.open.countDown();
	}

	@Test
	void lagShowsInTheEndpointAndGaugeWhileRecordsWaitThenTheHandlingTimerAndClientMetricsCountThem() {
		JsonNode lagging = awaitMapping("observed", "lagging", (mapping) -> lagOf(mapping) > 0);
		assertThat(lagOf(lagging)).isEqualTo(BACKLOG - 1);
		assertThat(metric("kafka.events.lag", "mapping:observed.lagging", "partition:0")).isEqualTo(BACKLOG - 1);
		assertThat(metric("kafka.events.lag", "kafka.events.instance:observed", "kafka.topic:" + LAGGING_TOPIC))
			.isEqualTo(BACKLOG - 1);
		Gate.open.countDown();
		awaitMapping("observed", "lagging",
				(mapping) -> mapping.path("processed").asLong() == BACKLOG && lagOf(mapping) == 0);
		await().atMost(TestKafka.timeout())
			.until(() -> metric("kafka.events.lag", "mapping:observed.lagging", "partition:0") == 0);
		JsonNode handling = get(
				"/actuator/metrics/kafka.events.handling?tag=mapping:observed.lagging&tag=outcome:success&tag=kafka.events.instance:observed&tag=topic:lagging");
		assertThat(measurement(handling, "COUNT")).isEqualTo(BACKLOG);
		assertThat(measurement(handling, "TOTAL_TIME")).isPositive();
		assertThat(measurement(handling, "MAX")).isPositive();
		assertConsumerMetricsTagged();
	}

	private void assertConsumerMetricsTagged() {
		await().atMost(TestKafka.timeout())
			.untilAsserted(
					() -> assertThat(this.meterRegistry.find("kafka.consumer.fetch.manager.records.consumed.total")
						.tag(KafkaEventsMeters.INSTANCE_TAG, "observed")
						.tag(KafkaEventsMeters.MAPPING_TAG, "observed.lagging")
						.meters()).singleElement()
						.satisfies((meter) -> assertThat(valueOf(meter)).isGreaterThanOrEqualTo(BACKLOG)));
		assertThat(this.meterRegistry.getMeters())
			.filteredOn((meter) -> meter.getId().getName().startsWith("kafka.consumer."))
			.isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag(KafkaEventsMeters.INSTANCE_TAG)).isNotNull());
	}

	@Test
	void thePausedPartitionsGaugeCountsThePartitionsAnOperatorPaused() {
		awaitMapping("observed", "paused", (mapping) -> mapping.path("assignedPartitions").size() == 2);
		assertThat(metric("kafka.events.paused.partitions", "mapping:observed.paused")).isZero();
		post("/actuator/kafkaevents/observed/paused", Map.of("action", "pause"));
		await().atMost(TestKafka.timeout())
			.until(() -> metric("kafka.events.paused.partitions", "mapping:observed.paused",
					"kafka.events.instance:observed") == 2);
		post("/actuator/kafkaevents/observed/paused", Map.of("action", "resume"));
		await().atMost(TestKafka.timeout())
			.until(() -> metric("kafka.events.paused.partitions", "mapping:observed.paused") == 0);
	}

	@Test
	void aMappingWhoseBrokersCannotBeReachedIsNotConnectedAndItsInstanceDown() {
		JsonNode nowhere = mapping("unreachable", "nowhere");
		assertThat(nowhere.path("state").asString()).isEqualTo("NOT_CONNECTED");
		assertThat(nowhere.path("assignedPartitions").size()).isZero();
		JsonNode health = get("/actuator/health/kafkaEvents/unreachable");
		assertThat(health.path("status").asString()).isEqualTo("DOWN");
		assertThat(health.path("details").path("mappings").path("unreachable.nowhere").path("state").asString())
			.isEqualTo("NOT_CONNECTED");
	}

	@Test
	void aStoppedMappingIsStoppedInTheEndpointAndTakesItsInstanceDown() {
		awaitMapping("stoppable", "stopped", (mapping) -> "RUNNING".equals(mapping.path("state").asString()));
		await().atMost(TestKafka.timeout())
			.until(() -> "UP".equals(get("/actuator/health/kafkaEvents/stoppable").path("status").asString()));
		this.bridges.find("stoppable.stopped").orElseThrow().stop();
		assertThat(mapping("stoppable", "stopped").path("state").asString()).isEqualTo("STOPPED");
		JsonNode health = await().atMost(TestKafka.timeout())
			.until(() -> get("/actuator/health/kafkaEvents/stoppable"),
					(current) -> "DOWN".equals(current.path("status").asString()));
		assertThat(health.path("details").path("mappings").path("stoppable.stopped").path("state").asString())
			.isEqualTo("STOPPED");
		assertThat(health.path("details").path("nodes").asInt()).isPositive();
	}

	private static long lagOf(JsonNode mapping) {
		return mapping.path("lag").path(LAGGING_TOPIC + "-0").asLong();
	}

	private static double valueOf(Meter meter) {
		return meter.measure().iterator().next().getValue();
	}

	private double metric(String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/" + name + "?");
		for (String tag : tags) {
			path.append("tag=").append(tag).append('&');
		}
		return measurement(get(path.toString()), "VALUE");
	}

	private static double measurement(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.path("measurements")) {
			if (statistic.equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

	private JsonNode awaitMapping(String instance, String eventsTopic, Predicate<JsonNode> condition) {
		return await().atMost(TestKafka.timeout()).until(() -> mapping(instance, eventsTopic), condition);
	}

	private JsonNode mapping(String instance, String eventsTopic) {
		return get("/actuator/kafkaevents/" + instance + "/" + eventsTopic).path("consuming").get(0);
	}

	private JsonNode get(String path) {
		return new ActuatorHttp(this.port).get(path);
	}

	private void post(String path, Map<String, Object> body) {
		assertThat(new ActuatorHttp(this.port).post(path, body).statusCode()).isEqualTo(200);
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		Gate gate() {
			return new Gate();
		}

	}

	/**
	 * Lets the first record of the lagging mapping through and holds the others until
	 * opened, so that they wait behind it.
	 */
	static class Gate {

		static final CountDownLatch open = new CountDownLatch(1);

		private final AtomicInteger handled = new AtomicInteger();

		@EventHandler("lagging")
		void handle(Map<String, Object> payload) throws InterruptedException {
			if (this.handled.getAndIncrement() > 0) {
				assertThat(open.await(30, TimeUnit.SECONDS)).isTrue();
			}
		}

		@EventHandler({ "paused", "stopped" })
		void ignore(Map<String, Object> payload) {
		}

	}

}
