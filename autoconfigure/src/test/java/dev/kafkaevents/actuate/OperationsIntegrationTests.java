package dev.kafkaevents.actuate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.SecuredKafka;
import dev.kafkaevents.test.SecuredKafka.TokenEndpoint;
import dev.kafkaevents.test.TestCertificates;
import dev.kafkaevents.test.TestCertificates.Issued;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Operates a running application through its Actuator endpoints over HTTP: the
 * {@code kafkaevents} endpoint, health and metrics, against the in-JVM broker, and checks
 * that no endpoint shows a secret, {@code configprops} and {@code env} included.
 *
 * @author kafka-events
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=kafkaevents",
				"management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,kafkaEvents" })
class OperationsIntegrationTests {

	private static final String PASSWORD = "pa55-w0rd-never-shown";

	private static final String ALLOWED_TOKEN_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

	private static final TokenEndpoint tokenEndpoint = new TokenEndpoint();

	private static final Issued CLIENT = TestCertificates.authority("operations CA").client("operations-client");

	private static final String TOPIC = TestKafka.createTopic("operations", 2);

	private static final String GROUP = TestKafka.uniqueGroup("operations");

	private static final String OUTGOING = TestKafka.createTopic("operations-out", 1);

	private final JsonMapper json = new JsonMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@Autowired
	private EventsService eventsService;

	@Autowired
	private MBeanServer mbeanServer;

	@DynamicPropertySource
	static void kafkaEvents(DynamicPropertyRegistry registry) {
		String dev = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";
		registry.add(dev + "clientId", () -> "operations");
		registry.add(dev + "brokers[0]", TestKafka::brokers);
		registry.add(dev + "topics[0].topic", () -> "ops.events");
		registry.add(dev + "topics[0].kafka.topics[0]", () -> TOPIC);
		registry.add(dev + "topics[0].kafka.groupId", () -> GROUP);
		registry.add(dev + "topics[0].kafka.fromBeginning", () -> "true");
		registry.add(dev + "topics[0].kafka.autoCommit", () -> "false");
		registry.add(dev + "topics[0].kafka.pauseOnError", () -> "true");
		String publishing = "events.modules.kafka.kafkaPublishingEventConsumer.dev.";
		registry.add(publishing + "clientId", () -> "operations-out");
		registry.add(publishing + "brokers[0]", TestKafka::brokers);
		registry.add(publishing + "topics[0].topic", () -> "ops.outgoing");
		registry.add(publishing + "topics[0].kafka.topic", () -> OUTGOING);
		String secured = "events.modules.kafka.kafkaConsumingEventPublisher.secured.";
		registry.add(secured + "clientId", () -> "secured");
		registry.add(secured + "brokers[0]", () -> "localhost:1");
		registry.add(secured + "sasl.mechanism", () -> "scram-sha-512");
		registry.add(secured + "sasl.username", () -> "operator");
		registry.add(secured + "sasl.password", () -> PASSWORD);
		registry.add(secured + "topics[0].topic", () -> "secured.events");
		registry.add(secured + "topics[0].kafka.topics[0]", () -> "secured");
		registry.add(secured + "topics[0].kafka.groupId", () -> "secured");
		registry.add(secured + "ssl.cert", CLIENT::certificatePem);
		registry.add(secured + "ssl.key", CLIENT::privateKeyPem);
		String oauth = "events.modules.kafka.kafkaPublishingEventConsumer.oauth.";
		registry.add(oauth + "clientId", () -> "oauth");
		registry.add(oauth + "brokers[0]", () -> "localhost:1");
		registry.add(oauth + "sasl.mechanism", () -> "oauthbearer");
		registry.add(oauth + "sasl.clientId", () -> SecuredKafka.OAUTH_CLIENT_ID);
		registry.add(oauth + "sasl.clientSecret", () -> SecuredKafka.OAUTH_CLIENT_SECRET);
		registry.add(oauth + "sasl.tokenEndpointUrl", tokenEndpoint::tokenUrl);
		registry.add(oauth + "topics[0].topic", () -> "oauth.outgoing");
		registry.add(oauth + "topics[0].kafka.topic", () -> "oauth-out");
	}

	@BeforeAll
	static void allowTheTokenEndpoint() {
		System.setProperty(ALLOWED_TOKEN_URLS, tokenEndpoint.tokenUrl());
	}

	@AfterAll
	static void clearTheAllowedTokenEndpointAndStopIt() {
		System.clearProperty(ALLOWED_TOKEN_URLS);
		tokenEndpoint.close();
	}

	@Test
	void operatorSeesAFailedRecordRetriesItThenSkipsAnotherAndSeesMetrics() {
		awaitAssigned();
		TestKafka.sendJson(TOPIC, 0, "{\"n\":1,\"fail\":true}");
		JsonNode paused = awaitMapping((mapping) -> "PAUSED_ON_ERROR".equals(mapping.path("state").asString()));
		JsonNode failed = paused.path("failedRecords").path(TOPIC + "-0");
		assertThat(failed.path("offset").asLong()).isZero();
		assertThat(failed.path("exceptionClass").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(failed.path("message").asString()).isEqualTo("failure requested by the record");
		JsonNode health = get("/actuator/health/kafkaEvents/dev");
		assertThat(health.path("status").asString()).isEqualTo("PAUSED_ON_ERROR");
		assertThat(
				health.path("details").path("mappings").path("dev.ops.events").path("failedRecords").has(TOPIC + "-0"))
			.isTrue();
		this.recorder.failuresEnabled = false;
		post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "retry"));
		awaitMapping((mapping) -> "RUNNING".equals(mapping.path("state").asString())
				&& mapping.path("processed").asLong() == 1);
		await().atMost(TestKafka.timeout())
			.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(GROUP, TOPIC, 0)));
		this.recorder.failuresEnabled = true;
		TestKafka.sendJson(TOPIC, 1, "{\"n\":2,\"fail\":true}");
		awaitMapping((mapping) -> mapping.path("failedRecords").has(TOPIC + "-1"));
		post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "skip", "topic", TOPIC, "partition", 1));
		await().atMost(TestKafka.timeout())
			.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(GROUP, TOPIC, 1)));
		TestKafka.sendJson(TOPIC, 1, "{\"n\":3}");
		awaitMapping((mapping) -> mapping.path("processed").asLong() == 2 && mapping.path("failed").asLong() == 2);
		assertThat(get("/actuator/health/kafkaEvents/dev").path("status").asString()).isEqualTo("UP");
		JsonNode received = get(
				"/actuator/metrics/kafka.events.received?tag=mapping:dev.ops.events&tag=outcome:success");
		assertThat(received.path("measurements").get(0).path("value").asDouble()).isEqualTo(2.0);
		JsonNode failures = get(
				"/actuator/metrics/kafka.events.received?tag=mapping:dev.ops.events&tag=outcome:failure");
		assertThat(failures.path("measurements").get(0).path("value").asDouble()).isEqualTo(2.0);
		JsonNode lag = get("/actuator/metrics/kafka.events.lag?tag=mapping:dev.ops.events&tag=partition:1");
		assertThat(lag.path("measurements").get(0).path("value").asDouble()).isZero();
		assertThat(this.recorder.numbers).containsExactly(1, 1, 2, 3);
	}

	@Test
	void publishingMappingsShowWhatTheySentInTheEndpointAndMetrics() {
		this.eventsService.publish(EventParams.of("ops.outgoing", Map.of("n", 1))).join();
		JsonNode publishing = get("/actuator/kafkaevents/dev/ops.outgoing").path("publishing").get(0);
		assertThat(publishing.path("kafkaTopic").asString()).isEqualTo(OUTGOING);
		assertThat(publishing.path("state").asString()).isEqualTo("RUNNING");
		assertThat(publishing.path("sent").asLong()).isEqualTo(1);
		assertThat(publishing.path("failed").asLong()).isZero();
		JsonNode published = get(
				"/actuator/metrics/kafka.events.published?tag=mapping:dev.ops.outgoing&tag=outcome:success");
		assertThat(published.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
		JsonNode clientMetric = get("/actuator/metrics/kafka.producer.record.send.total?tag=kafka.events.instance:dev");
		assertThat(clientMetric.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void operatorPausesResumesAndRestartsAMapping() {
		awaitAssigned();
		post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "pause"));
		assertThat(mapping().path("state").asString()).isEqualTo("PAUSED");
		assertThat(get("/actuator/health/kafkaEvents/dev").path("status").asString()).isEqualTo("UP");
		post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "resume"));
		assertThat(mapping().path("state").asString()).isNotEqualTo("PAUSED");
		post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "restart"));
		awaitAssigned();
		assertThat(mapping().path("state").asString()).isEqualTo("RUNNING");
		assertThat(post("/actuator/kafkaevents/dev/ops.events", Map.of("action", "rewind")).statusCode())
			.isEqualTo(400);
		assertThat(post("/actuator/kafkaevents/dev/ops.events", Map.of()).statusCode()).isEqualTo(400);
	}

	@Test
	void theEndpointReadsAndOperatesOverJmx() throws Exception {
		awaitAssigned();
		ObjectName endpoint = this.mbeanServer
			.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Kafkaevents,*"), null)
			.iterator()
			.next();
		assertThat(String.valueOf(this.mbeanServer.invoke(endpoint, "instances", new Object[0], new String[0])))
			.contains("dev", "ops.events", "secured", "oauth")
			.doesNotContain(PASSWORD);
		String[] operateSignature = { String.class.getName(), String.class.getName(), String.class.getName(),
				String.class.getName(), Integer.class.getName() };
		Object paused = this.mbeanServer.invoke(endpoint, "operate",
				new Object[] { "dev", "ops.events", "pause", null, null }, operateSignature);
		assertThat(String.valueOf(paused)).contains("PAUSED");
		assertThat(mapping().path("state").asString()).isEqualTo("PAUSED");
		this.mbeanServer.invoke(endpoint, "operate", new Object[] { "dev", "ops.events", "resume", null, null },
				operateSignature);
		assertThat(mapping().path("state").asString()).isNotEqualTo("PAUSED");
	}

	@Test
	void aReadinessGroupWithKafkaEventsFollowsTheBrokersWhileLivenessStaysUp() {
		HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build());
		assertThat(readiness.statusCode()).isEqualTo(503);
		JsonNode readinessHealth = this.json.readTree(readiness.body());
		assertThat(readinessHealth.path("components")
			.path("kafkaEvents")
			.path("components")
			.path("secured")
			.path("status")
			.asString()).isEqualTo("DOWN");
		HttpResponse<String> liveness = send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET().build());
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void unreachableBrokersMakeTheirInstanceDownWithinTheBoundedTime() {
		long start = System.nanoTime();
		JsonNode health = get("/actuator/health/kafkaEvents/secured");
		assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
		assertThat(health.path("status").asString()).isEqualTo("DOWN");
		assertThat(health.path("details").path("brokers").get(0).asString()).isEqualTo("localhost:1");
	}

	@Test
	void actuatorOutputShowsSecuredInstancesButNoSecret() {
		List<String> settings = List.of("operator", SecuredKafka.OAUTH_CLIENT_ID, "BEGIN CERTIFICATE", "******");
		Map<String, List<String>> shown = Map.of("/actuator/kafkaevents", List.of("secured", "oauth"),
				"/actuator/health", List.of("secured", "oauth"), "/actuator/configprops", settings, "/actuator/env",
				settings);
		shown.forEach((path, values) -> assertThat(getText(path)).as(path).doesNotContain(secrets()).contains(values));
	}

	private static List<String> secrets() {
		List<String> secrets = new ArrayList<>(List.of(PASSWORD, SecuredKafka.OAUTH_CLIENT_SECRET, "PRIVATE KEY"));
		CLIENT.privateKeyPem().lines().filter((line) -> !line.startsWith("-----")).forEach(secrets::add);
		return secrets;
	}

	private void awaitAssigned() {
		awaitMapping((mapping) -> mapping.path("assignedPartitions").size() == 2);
	}

	private JsonNode awaitMapping(java.util.function.Predicate<JsonNode> condition) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(TestKafka.timeout()).until(() -> {
			last[0] = mapping();
			return condition.test(last[0]);
		});
		return last[0];
	}

	private JsonNode mapping() {
		return get("/actuator/kafkaevents/dev/ops.events").path("consuming").get(0);
	}

	private JsonNode get(String path) {
		return actuator().get(path);
	}

	private String getText(String path) {
		return actuator().getText(path);
	}

	private HttpResponse<String> post(String path, Map<String, Object> body) {
		return actuator().post(path, body);
	}

	private HttpResponse<String> send(HttpRequest request) {
		return actuator().send(request);
	}

	private URI uri(String path) {
		return actuator().uri(path);
	}

	private ActuatorHttp actuator() {
		return new ActuatorHttp(this.port);
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final Queue<Integer> numbers = new ConcurrentLinkedQueue<>();

		volatile boolean failuresEnabled = true;

		@EventHandler("ops.events")
		void handle(Map<String, Object> payload) {
			this.numbers.add(((Number) payload.get("n")).intValue());
			if (this.failuresEnabled && Boolean.TRUE.equals(payload.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
		}

	}

}
