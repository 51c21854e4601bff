package dev.kafkaevents.sample;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.log.LogMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves {@code docs/grafana-dashboard.json} on a real Prometheus: the sample runs with
 * traffic flowing (and one poison record), Prometheus scrapes its
 * {@code /actuator/prometheus} every second, and every query of the dashboard, evaluated
 * through Prometheus's HTTP API as Grafana would with every instance selected, returns
 * series with the labels its legend shows. Prometheus is taken from the PATH or unpacked
 * from Debian's package by {@code .ci/install-prometheus}; where neither works the test
 * is skipped with the reason.
 *
 * @author kafka-events
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class GrafanaDashboardIntegrationTests {

	private static final String INBOUND = "events.modules.kafka.kafkaConsumingEventPublisher.inbound.topics[0].";

	private static final String FLAKY = "component:default/flaky";

	private static final Log logger = LogFactory.getLog(GrafanaDashboardIntegrationTests.class);

	private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{(\\w+)}}");

	private static final String RATE_INTERVAL = "15s";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	@LocalServerPort
	private int port;

	@Value("${sample.kafka.brokers}")
	private String brokers;

	@Autowired
	private EventsService eventsService;

	@TempDir
	private Path workDirectory;

	/**
	 * The sample's inbound mapping (a list entry, so restated whole) with retry topics
	 * and default dead-letter topics.
	 * @param registry the test's properties
	 */
	@DynamicPropertySource
	static void retryTopicsAndDeadLetters(DynamicPropertyRegistry registry) {
		registry.add(INBOUND + "topic", () -> "catalog.entity.received");
		registry.add(INBOUND + "kafka.topics[0]", () -> "catalog-entity-events");
		registry.add(INBOUND + "kafka.groupId", () -> "kafka-events-sample");
		registry.add(INBOUND + "kafka.fromBeginning", () -> "true");
		registry.add(INBOUND + "kafka.autoCommit", () -> "false");
		registry.add(INBOUND + "kafka.pauseOnError", () -> "true");
		registry.add(INBOUND + "deadLetterTopic", () -> "true");
		registry.add(INBOUND + "retry.attempts", () -> "2");
		registry.add(INBOUND + "retry.mode", () -> "topics");
		registry.add(INBOUND + "retry.initialInterval", () -> "200ms");
	}

	@Test
	void everyDashboardQueryReturnsSeriesWithTheLabelsOfItsLegend() throws Exception {
		Path prometheus = prometheusBinary();
		int prometheusPort = freePort();
		ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
		Process server = startPrometheus(prometheus, prometheusPort);
		try {
			traffic.scheduleAtFixedRate(this::publishEntity, 0, 100, TimeUnit.MILLISECONDS);
			sendPoisonRecord();
			sendFlakyRecord();
			URI api = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/");
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(instanceVariableValues(api)).containsExactly("inbound", "outbound"));
			List<DashboardQuery> queries = dashboardQueries();
			assertThat(queries).hasSize(12);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> queries.forEach((query) -> assertReturnsLabelledSeries(api, query)));
		}
		finally {
			traffic.shutdownNow();
			stop(server);
		}
	}

	private Path prometheusBinary() throws Exception {
		Path project = projectDirectory();
		Path log = this.workDirectory.resolve("install-prometheus.log");
		Process install = new ProcessBuilder(project.resolve(".ci/install-prometheus").toString(),
				project.resolve("sample-app/target/prometheus").toString())
			.redirectError(log.toFile())
			.start();
		String binary = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		boolean installed = install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0;
		Assumptions.assumeTrue(installed,
				() -> "Prometheus is not installed and could not be installed here: " + readQuietly(log));
		return Path.of(binary);
	}

	private static Path projectDirectory() {
		Path directory = Path.of("").toAbsolutePath();
		while (!Files.exists(directory.resolve("docs/grafana-dashboard.json"))) {
			directory = directory.getParent();
			assertThat(directory).as("project directory holding docs/grafana-dashboard.json").isNotNull();
		}
		return directory;
	}

	private Process startPrometheus(Path binary, int prometheusPort) throws IOException {
		Path config = this.workDirectory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: kafka-events-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.port));
		File log = Path.of("target/prometheus.log").toFile();
		return new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + this.workDirectory.resolve("data"),
				"--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
	}

	private static void stop(Process server) throws InterruptedException {
		server.destroy();
		if (!server.waitFor(10, TimeUnit.SECONDS)) {
			server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void publishEntity() {
		this.eventsService.publish(EventParams.of("catalog.entity.created",
				Map.of("entityRef", "component:default/petstore", "kind", "Component", "owner", "team-a")));
	}

	private void sendPoisonRecord() throws Exception {
		send("not json".getBytes(StandardCharsets.UTF_8));
	}

	private void sendFlakyRecord() throws Exception {
		send(this.json.writeValueAsBytes(Map.of("entityRef", FLAKY, "kind", "Component", "owner", "team-a")));
	}

	private void send(byte[] value) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>("catalog-entity-events", value)).get(30, TimeUnit.SECONDS);
		}
	}

	private List<String> instanceVariableValues(URI api) throws Exception {
		String query = dashboard().path("templating").path("list").get(1).path("query").asString();
		Matcher label = Pattern.compile("label_values\\((\\w+)\\)").matcher(query);
		assertThat(label.matches()).as("instance variable query %s", query).isTrue();
		List<String> values = new ArrayList<>();
		get(api.resolve("label/" + label.group(1) + "/values")).path("data")
			.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private List<DashboardQuery> dashboardQueries() throws IOException {
		List<DashboardQuery> queries = new ArrayList<>();
		for (JsonNode panel : dashboard().path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(new DashboardQuery(panel.path("title").asString() + " " + target.path("refId").asString(),
						target.path("expr").asString(), legendLabels(target.path("legendFormat").asString())));
			}
		}
		return queries;
	}

	private JsonNode dashboard() throws IOException {
		return this.json.readTree(Files.readString(projectDirectory().resolve("docs/grafana-dashboard.json")));
	}

	private static List<String> legendLabels(String legendFormat) {
		List<String> labels = new ArrayList<>();
		Matcher matcher = LEGEND_LABEL.matcher(legendFormat);
		while (matcher.find()) {
			labels.add(matcher.group(1));
		}
		return labels;
	}

	private void assertReturnsLabelledSeries(URI api, DashboardQuery query) {
		String expression = query.expression()
			.replace("$instance", "inbound|outbound")
			.replace("$__rate_interval", RATE_INTERVAL);
		JsonNode response = getUnchecked(
				api.resolve("query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)));
		assertThat(response.path("status").asString()).as("%s: %s", query.name(), response).isEqualTo("success");
		JsonNode result = response.path("data").path("result");
		assertThat(result).as("%s returned no series: %s", query.name(), expression).isNotEmpty();
		logger.info(LogMessage.format("%s: %d series, first %s", query.name(), result.size(), result.get(0)));
		result.forEach(
				(series) -> assertThat(query.legendLabels()).as("%s: labels of %s", query.name(), series.path("metric"))
					.allSatisfy((label) -> assertThat(series.path("metric").path(label).asString()).isNotEmpty()));
	}

	private JsonNode getUnchecked(URI uri) {
		try {
			return get(uri);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Prometheus did not answer " + uri, ex);
		}
	}

	private JsonNode get(URI uri) throws Exception {
		return this.json.readTree(
				this.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	private record DashboardQuery(String name, String expression, List<String> legendLabels) {
	}

	/**
	 * Fails every attempt of the flaky entity, so that it goes through the retry topic to
	 * the dead-letter topic.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FlakyHandlerConfiguration {

		@Bean
		FlakyHandler flakyHandler() {
			return new FlakyHandler();
		}

	}

	static class FlakyHandler {

		@EventHandler("catalog.entity.received")
		void onReceived(Map<String, Object> payload) {
			if (FLAKY.equals(payload.get("entityRef"))) {
				throw new IllegalStateException("the flaky entity always fails");
			}
		}

	}

}
