package dev.kafkaevents.actuate;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Dead-letters a record paused on error, browses the dead-letter topic and replays its
 * records through the {@code kafkaevents} endpoint over HTTP and JMX, against the in-JVM
 * broker.
 *
 * @author kafka-events
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "spring.jmx.enabled=true",
				"management.endpoints.jmx.exposure.include=kafkaevents" })
class DeadLetterOperationsIntegrationTests {

	private static final String TOPIC = TestKafka.createTopic("dead-letter-ops", 1);

	private static final String DEAD_LETTERS = TestKafka.createNamedTopic(TOPIC + ".dead-letter", 1, Map.of());

	private static final String GROUP = TestKafka.uniqueGroup("dead-letter-ops");

	private static final String MAPPING = "/actuator/kafkaevents/dev/dlq.events";

	private final JsonMapper json = new JsonMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@Autowired
	private MBeanServer mbeanServer;

	@DynamicPropertySource
	static void kafkaEvents(DynamicPropertyRegistry registry) {
		String dev = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";
		registry.add(dev + "clientId", () -> "dead-letter-ops");
		registry.add(dev + "brokers[0]", TestKafka::brokers);
		registry.add(dev + "topics[0].topic", () -> "dlq.events");
		registry.add(dev + "topics[0].kafka.topics[0]", () -> TOPIC);
		registry.add(dev + "topics[0].kafka.groupId", () -> GROUP);
		registry.add(dev + "topics[0].kafka.fromBeginning", () -> "true");
		registry.add(dev + "topics[0].kafka.pauseOnError", () -> "true");
	}

	@Test
	void operatorDeadLettersAPausedRecordBrowsesItAndReplaysIt() throws Exception {
		awaitMapping((mapping) -> mapping.path("assignedPartitions").size() == 1);
		TestKafka.send(TOPIC, 0, utf8("{\"n\":1,\"fail\":true}"), "trace", "abc", "Authorization", "Bearer s3cr3t");
		awaitMapping((mapping) -> "PAUSED_ON_ERROR".equals(mapping.path("state").asString()));
		post(MAPPING, Map.of("action", "dead-letter"));
		TestKafka.sendJson(TOPIC, 0, "{\"n\":2}");
		awaitMapping((mapping) -> "RUNNING".equals(mapping.path("state").asString())
				&& mapping.path("processed").asLong() == 1);
		JsonNode browsed = deadLetters(Map.of("action", "browse", "limit", 10));
		assertThat(browsed.path("deadLetterTopics").get(0).asString()).isEqualTo(DEAD_LETTERS);
		JsonNode dead = browsed.path("records").get(0);
		assertThat(dead.path("topic").asString()).isEqualTo(DEAD_LETTERS);
		assertThat(dead.path("originalTopic").asString()).isEqualTo(TOPIC);
		assertThat(dead.path("originalOffset").asLong()).isZero();
		assertThat(dead.path("exceptionClass").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(dead.path("exceptionMessage").asString()).isEqualTo("failure requested by the record");
		assertThat(dead.path("errorTime").isNull()).isFalse();
		assertThat(dead.path("mapping").asString()).isEqualTo("dev.dlq.events");
		assertThat(dead.path("value").asString()).isEqualTo("{\"n\":1,\"fail\":true}");
		assertThat(dead.path("headers").path("trace").asString()).isEqualTo("abc");
		assertThat(dead.path("headers").path("Authorization").asString()).isEqualTo("******");
		assertThat(browsed.toString()).doesNotContain("s3cr3t");
		JsonNode failedAgain = deadLetters(Map.of("action", "replay", "partition", 0, "offset", 0, "target", "events"))
			.path("replay");
		assertThat(failedAgain.path("replayed").asInt()).isEqualTo(1);
		assertThat(failedAgain.path("failedAgain").asInt()).isEqualTo(1);
		JsonNode marked = deadLetters(Map.of("action", "browse", "limit", 1)).path("records").get(0);
		assertThat(marked.path("offset").asLong()).isEqualTo(1);
		assertThat(marked.path("replays").get(0).asString()).isEqualTo(DEAD_LETTERS + "-0@0");
		this.recorder.failuresEnabled = false;
		JsonNode replayed = deadLetters(Map.of("action", "replay", "partition", 0, "fromOffset", 0)).path("replay");
		assertThat(replayed.path("target").asString()).isEqualTo("KAFKA");
		assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
		assertThat(replayed.path("skipped").asInt()).isEqualTo(1);
		awaitMapping((mapping) -> mapping.path("processed").asLong() == 2);
		await().atMost(TestKafka.timeout())
			.until(() -> Long.valueOf(3).equals(TestKafka.committedOffset(GROUP, TOPIC, 0)));
		assertThat(this.recorder.handled).containsExactly(2, 1);
		assertThat(TestKafka.recordCount(DEAD_LETTERS)).isEqualTo(2);
		assertThat(browseOverJmx()).contains(DEAD_LETTERS).doesNotContain("s3cr3t");
		assertThat(counter("kafka.events.dead.lettered?tag=dead.letter.topic:" + DEAD_LETTERS)).isEqualTo(2.0);
		assertThat(counter("kafka.events.replayed?tag=outcome:replayed")).isEqualTo(2.0);
		assertThat(counter("kafka.events.replayed?tag=outcome:failed-again")).isEqualTo(1.0);
		assertThat(counter("kafka.events.replayed?tag=outcome:skipped")).isEqualTo(1.0);
	}

	@Test
	void replayWithoutAPartitionAndAnUnknownViewAreRefused() {
		assertThat(post(MAPPING + "/dead-letters", Map.of("action", "replay", "offset", 0)).statusCode())
			.isEqualTo(400);
		assertThat(post(MAPPING + "/dead-letters", Map.of("action", "rewind")).statusCode()).isEqualTo(400);
		assertThat(post(MAPPING + "/letters", Map.of("action", "browse")).statusCode()).isEqualTo(400);
		assertThat(post("/actuator/kafkaevents/dev/unknown/dead-letters", Map.of("action", "browse")).statusCode())
			.isEqualTo(204);
	}

	private String browseOverJmx() throws Exception {
		ObjectName endpoint = this.mbeanServer
			.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Kafkaevents,*"), null)
			.iterator()
			.next();
		String[] signature = { String.class.getName(), String.class.getName(), String.class.getName(),
				String.class.getName(), Integer.class.getName(), String.class.getName(), Integer.class.getName(),
				Long.class.getName(), Long.class.getName(), Long.class.getName(), String.class.getName() };
		return String.valueOf(this.mbeanServer.invoke(endpoint, "mappingPart",
				new Object[] { "dev", "dlq.events", "dead-letters", "browse", 5, null, null, null, null, null, null },
				signature));
	}

	private double counter(String meter) {
		return actuator().get("/actuator/metrics/" + meter).path("measurements").get(0).path("value").asDouble();
	}

	private JsonNode deadLetters(Map<String, Object> body) {
		HttpResponse<String> response = post(MAPPING + "/dead-letters", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void awaitMapping(Predicate<JsonNode> condition) {
		await().atMost(TestKafka.timeout())
			.until(() -> condition.test(actuator().get(MAPPING).path("consuming").get(0)));
	}

	private HttpResponse<String> post(String path, Map<String, Object> body) {
		return actuator().post(path, body);
	}

	private ActuatorHttp actuator() {
		return new ActuatorHttp(this.port);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final Queue<Integer> handled = new ConcurrentLinkedQueue<>();

		volatile boolean failuresEnabled = true;

		@EventHandler("dlq.events")
		void handle(Map<String, Object> payload) {
			if (this.failuresEnabled && Boolean.TRUE.equals(payload.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
			this.handled.add(((Number) payload.get("n")).intValue());
		}

	}

}
