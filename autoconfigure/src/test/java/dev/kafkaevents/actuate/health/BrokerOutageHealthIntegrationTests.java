package dev.kafkaevents.actuate.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.kafkaevents.test.RestartableKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Follows the {@code kafkaEvents} health of a running application over HTTP while the
 * broker of its instance, a {@link RestartableKafka} of its own, is stopped and started
 * again.
 *
 * @author kafka-events
 */
class BrokerOutageHealthIntegrationTests {

	private static final String TOPIC = "outage";

	private static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration BROKER_CHECK_INTERVAL = Duration.ofSeconds(5);

	private static final Duration HEALTH_REQUEST_LIMIT = BROKER_CHECK_TIMEOUT.plusMillis(500);

	private static final Duration STATUS_CHANGE_LIMIT = BROKER_CHECK_INTERVAL.plus(BROKER_CHECK_TIMEOUT).plusSeconds(1);

	private static RestartableKafka kafka;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	@BeforeAll
	static void startBroker() throws Exception {
		kafka = RestartableKafka.start(TOPIC);
	}

	@AfterAll
	static void stopBroker() throws Exception {
		kafka.close();
	}

	@Test
	void healthIsDownWhileTheBrokerIsStoppedAndUpOnceItIsBackWhileLivenessStaysUp() {
		try (ConfigurableApplicationContext context = run()) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			awaitHealth(port, "UP");
			String address = kafka.brokers();
			kafka.stopBroker();
			JsonNode down = awaitHealth(port, "DOWN").path("components").path("outage").path("details");
			assertThat(down.path("error").asString())
				.startsWith("brokers did not answer within " + BROKER_CHECK_TIMEOUT.toMillis() + " ms");
			assertThat(down.path("brokers").get(0).asString()).isEqualTo(address);
			kafka.startBroker();
			assertThat(kafka.brokers()).isEqualTo(address);
			JsonNode up = awaitHealth(port, "UP").path("components").path("outage").path("details");
			assertThat(up.path("nodes").asInt()).isOne();
			assertThat(up.path("mappings").path("outage.outage.events").path("state").asString())
				.isNotEqualTo("STOPPED");
		}
	}

	private JsonNode awaitHealth(int port, String status) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(STATUS_CHANGE_LIMIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(health(port, "/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
			last[0] = health(port, "/actuator/health/kafkaEvents");
			return status.equals(last[0].path("status").asString());
		});
		return last[0];
	}

	private JsonNode health(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(HEALTH_REQUEST_LIMIT);
		JsonNode health = this.json.readTree(response.body());
		assertThat(response.statusCode()).as(path).isEqualTo("UP".equals(health.path("status").asString()) ? 200 : 503);
		return health;
	}

	private static ConfigurableApplicationContext run() {
		String instance = "--events.modules.kafka.kafkaConsumingEventPublisher.outage.";
		return SpringApplication.run(OutageApplication.class, "--server.port=0",
				"--management.endpoints.web.exposure.include=health",
				"--management.endpoint.health.show-details=always", "--management.endpoint.health.probes.enabled=true",
				instance + "clientId=outage", instance + "brokers[0]=" + kafka.brokers(),
				instance + "topics[0].topic=outage.events", instance + "topics[0].kafka.topics[0]=" + TOPIC,
				instance + "topics[0].kafka.groupId=outage");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OutageApplication {

	}

}
