package dev.kafkaevents.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the README's flow against the sample running on its embedded broker: an entity
 * posted over REST is published in-process, sent to Kafka, consumed back and handled, and
 * Actuator shows it.
 *
 * @author kafka-events
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final String ENTITY = "{\"entityRef\":\"component:default/petstore\",\"kind\":\"Component\",\"owner\":\"team-a\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	@LocalServerPort
	private int port;

	@Test
	void anEntityPostedOverRestGoesOutToKafkaAndBackIntoAHandler() throws Exception {
		HttpResponse<String> posted = this.http.send(HttpRequest.newBuilder(uri("/entities"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(ENTITY))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(202);
		assertThat(get("/entities/created").findValuesAsString("entityRef")).contains("component:default/petstore");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/entities/received").findValuesAsString("entityRef")
				.contains("component:default/petstore"));
		JsonNode instances = get("/actuator/kafkaevents").path("instances");
		assertThat(instances.path("inbound").path("consuming").get(0).path("processed").asLong()).isPositive();
		assertThat(instances.path("outbound").path("publishing").get(0).path("sent").asLong()).isPositive();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/actuator/kafkaevents").path("instances")
				.path("outbound")
				.path("publishing")
				.get(0)
				.path("outbox")
				.path("pending")
				.asLong(-1) == 0);
		assertThat(get("/actuator/health").path("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/metrics/kafka.events.received").path("measurements").get(0).path("value").asDouble())
			.isPositive();
	}

	@Test
	void theOwnerEndpointAsksOverKafkaAndReturnsTheAnswer() throws Exception {
		String entity = "{\"entityRef\":\"component:default/billing\",\"kind\":\"Component\",\"owner\":\"team-b\"}";
		this.http.send(HttpRequest.newBuilder(uri("/entities"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(entity))
			.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/entities/received").findValuesAsString("entityRef")
				.contains("component:default/billing"));
		JsonNode answer = get("/entities/owner?entityRef=component:default/billing");
		assertThat(answer.path("known").asBoolean()).isTrue();
		assertThat(answer.path("owner").asString()).isEqualTo("team-b");
		JsonNode unknown = get("/entities/owner?entityRef=component:default/unknown");
		assertThat(unknown.path("known").asBoolean()).isFalse();
		JsonNode outbound = get("/actuator/kafkaevents").path("instances").path("outbound").path("publishing");
		assertThat(outbound.findValues("requests"))
			.anySatisfy((requests) -> assertThat(requests.path("replies").asLong()).isGreaterThanOrEqualTo(2));
	}

	private JsonNode get(String path) throws Exception {
		return this.json.readTree(
				this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString())
					.body());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
