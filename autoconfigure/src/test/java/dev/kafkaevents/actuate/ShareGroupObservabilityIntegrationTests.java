package dev.kafkaevents.actuate;

import java.util.Map;
import java.util.function.Predicate;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * A share-group mapping seen from outside through Actuator over HTTP, against the in-JVM
 * broker: its members, records in flight and accepted, released and rejected counts in
 * the endpoint, the health details and the {@code kafka.events.share.*} meters, and an
 * operator's pause and resume.
 *
 * @author kafka-events
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,kafkaevents",
				"management.endpoint.health.show-details=always" })
class ShareGroupObservabilityIntegrationTests {

	private static final String TOPIC = TestKafka.createTopic("observed-share", 1);

	private static final String DEAD_LETTER_TOPIC = TestKafka.createTopic("observed-share-dead", 1);

	private static final String INSTANCE = "events.modules.kafka.kafkaConsumingEventPublisher.shared.";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void kafkaEvents(DynamicPropertyRegistry registry) {
		registry.add(INSTANCE + "clientId", () -> "shared");
		registry.add(INSTANCE + "brokers[0]", TestKafka::brokers);
		registry.add(INSTANCE + "topics[0].topic", () -> "queue");
		registry.add(INSTANCE + "topics[0].deadLetterTopic", () -> DEAD_LETTER_TOPIC);
		registry.add(INSTANCE + "topics[0].retry.attempts", () -> "2");
		registry.add(INSTANCE + "topics[0].kafka.topics[0]", () -> TOPIC);
		registry.add(INSTANCE + "topics[0].kafka.groupId", () -> TestKafka.uniqueGroup("observed-share"));
		registry.add(INSTANCE + "topics[0].kafka.fromBeginning", () -> "true");
		registry.add(INSTANCE + "topics[0].kafka.shareGroup", () -> "true");
		registry.add(INSTANCE + "topics[0].kafka.concurrency", () -> "2");
	}

	@Test
	void theEndpointHealthAndMetersShowMembersAndAcknowledgementsAndAnOperatorCanPauseAndResume() {
		for (int n = 0; n < 4; n++) {
			TestKafka.sendJson(TOPIC, 0, "{\"n\":" + n + "}");
		}
		TestKafka.sendJson(TOPIC, 0, "{\"n\":4,\"fail\":true}");
		JsonNode mapping = awaitMapping((candidate) -> candidate.path("shareGroup").path("rejected").asLong() == 1
				&& candidate.path("shareGroup").path("accepted").asLong() == 4);
		assertThat(mapping.path("state").asString()).isEqualTo("RUNNING");
		assertThat(mapping.path("shareGroup").path("members").asInt()).isEqualTo(2);
		assertThat(mapping.path("shareGroup").path("released").asLong()).isEqualTo(1);
		assertThat(mapping.path("shareGroup").path("inFlight").asInt()).isZero();
		assertThat(mapping.path("failed").asLong()).isEqualTo(1);
		assertThat(metric("kafka.events.share.acknowledged", "mapping:shared.queue", "acknowledgement:accept"))
			.isEqualTo(4);
		assertThat(metric("kafka.events.share.acknowledged", "kafka.events.instance:shared", "acknowledgement:release"))
			.isEqualTo(1);
		assertThat(metric("kafka.events.share.acknowledged", "mapping:shared.queue", "acknowledgement:reject"))
			.isEqualTo(1);
		assertThat(metric("kafka.events.share.members", "mapping:shared.queue")).isEqualTo(2);
		assertThat(metric("kafka.events.share.in.flight", "mapping:shared.queue")).isZero();
		JsonNode health = get("/actuator/health/kafkaEvents/shared");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(
				health.path("details").path("mappings").path("shared.queue").path("shareGroup").path("members").asInt())
			.isEqualTo(2);
		post(Map.of("action", "pause"));
		assertThat(mapping().path("state").asString()).isEqualTo("PAUSED");
		assertThat(mapping().path("shareGroup").path("members").asInt()).isZero();
		post(Map.of("action", "resume"));
		TestKafka.sendJson(TOPIC, 0, "{\"n\":5}");
		awaitMapping((candidate) -> candidate.path("shareGroup").path("accepted").asLong() == 5
				&& "RUNNING".equals(candidate.path("state").asString()));
	}

	private double metric(String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/" + name + "?");
		for (String tag : tags) {
			path.append("tag=").append(tag).append('&');
		}
		for (JsonNode measurement : get(path.toString()).path("measurements")) {
			return measurement.path("value").asDouble();
		}
		throw new AssertionError("No measurement of " + path);
	}

	private JsonNode awaitMapping(Predicate<JsonNode> condition) {
		return await().atMost(TestKafka.timeout()).until(this::mapping, condition);
	}

	private JsonNode mapping() {
		return get("/actuator/kafkaevents/shared/queue").path("consuming").get(0);
	}

	private JsonNode get(String path) {
		return new ActuatorHttp(this.port).get(path);
	}

	private void post(Map<String, Object> body) {
		assertThat(new ActuatorHttp(this.port).post("/actuator/kafkaevents/shared/queue", body).statusCode())
			.isEqualTo(200);
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		Queue queue() {
			return new Queue();
		}

	}

	/**
	 * Fails the records that ask for it.
	 */
	static class Queue {

		@EventHandler("queue")
		void handle(Map<String, Object> payload) {
			if (Boolean.TRUE.equals(payload.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
		}

	}

}
