package dev.kafkaevents.kafka.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.kafkaevents.actuate.health.KafkaEventsHealthContributor;
import dev.kafkaevents.autoconfigure.actuate.health.KafkaEventsHealthContributorAutoConfiguration;
import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsEnvironmentPostProcessor;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.SecuredKafka;
import dev.kafkaevents.test.SecuredKafka.Listener;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Round trips through secured listeners: an event published to the events topic of a
 * publishing mapping goes to Kafka through the publishing bridge and comes back through a
 * consuming mapping to an {@code @EventHandler}; and the failures a user sees when a
 * connection is refused.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureConnectionsIntegrationTests {

	private static final String EVENTS_TOPIC = "secure.in";

	private static final String PUBLISHED_TOPIC = "secure.out";

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.in.";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.out.";

	private static final String SCRAM_USER = "carol";

	private static final String SCRAM_PASSWORD = "carol-secret";

	private static final String QUOTED_SCRAM_USER = "dave";

	private static final String QUOTED_SCRAM_PASSWORD = "s\"cr\\am";

	@TempDir
	static Path directory;

	private static SecuredKafka kafka;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> new KafkaEventsEnvironmentPostProcessor((destination) -> destination.get())
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
				EventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class,
				KafkaEventsPublishingAutoConfiguration.class))
		.withUserConfiguration(RecordingHandlerConfiguration.class);

	@BeforeAll
	static void startSecuredBroker() {
		kafka = SecuredKafka.start(directory);
		kafka.createScramUser(SCRAM_USER, SCRAM_PASSWORD);
		kafka.createScramUser(QUOTED_SCRAM_USER, QUOTED_SCRAM_PASSWORD);
	}

	@AfterAll
	static void stopSecuredBroker() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void oneWayTlsWithTheCaAsPemContent() {
		assertRoundTrip(Listener.TLS, "ssl.ca[0]=" + kafka.authority().certificatePem());
	}

	@Test
	void oneWayTlsWithTheCaAsAFileLocation() {
		assertRoundTrip(Listener.TLS, "ssl.ca[0]=file:" + kafka.file("ca.pem"));
	}

	@Test
	void mutualTlsWithCertificateAndKeyAsPlainPaths() {
		assertRoundTrip(Listener.MTLS, "ssl.ca[0]=" + kafka.file("ca.pem"), "ssl.cert=" + kafka.file("client.pem"),
				"ssl.key=" + kafka.file("client.key"));
	}

	@Test
	void mutualTlsWithAnEncryptedKeyAsPemContent() {
		assertRoundTrip(Listener.MTLS, "ssl.ca[0]=" + kafka.authority().certificatePem(),
				"ssl.cert=" + kafka.client().certificatePem(),
				"ssl.key=" + kafka.client().encryptedPrivateKeyPem("key \"pass\\phrase\""),
				"ssl.passphrase=key \"pass\\phrase\"");
	}

	@Test
	void mutualTlsWithoutAClientCertificateIsRefusedAndTheLogSaysTheHandshakeFailed(CapturedOutput output) {
		assertRefused(output, Listener.MTLS, "over SSL: ", "ssl.ca[0]=" + kafka.file("ca.pem"));
	}

	@Test
	void aSelfSignedCertificateForAnotherHostIsAcceptedWithRejectUnauthorizedFalse() {
		assertRoundTrip(Listener.SELF_SIGNED, "ssl.rejectUnauthorized=false");
	}

	@Test
	void aSelfSignedCertificateIsRejectedWithRejectUnauthorizedTrueAndTheLogSaysItIsNotTrusted(CapturedOutput output) {
		assertRefused(output, Listener.SELF_SIGNED, "over SSL: the broker's certificate is not trusted (PKIX path",
				"ssl.rejectUnauthorized=true");
	}

	@Test
	void aTrustedCertificateForAnotherHostIsRejectedAndTheLogSaysSo(CapturedOutput output) {
		assertRefused(output, Listener.SELF_SIGNED,
				"over SSL: the broker's certificate is not valid for its host name (No subject alternative DNS name "
						+ "matching localhost found.)",
				"ssl.ca[0]=" + kafka.selfSigned().certificatePem());
	}

	@Test
	void saslPlain(CapturedOutput output) {
		assertRoundTrip(Listener.SASL, "sasl.mechanism=plain", "sasl.username=" + SecuredKafka.PLAIN_USER,
				"sasl.password=" + SecuredKafka.PLAIN_PASSWORD);
		assertThat(output).doesNotContain(SecuredKafka.PLAIN_PASSWORD);
	}

	@Test
	void saslPlainWithAPasswordHoldingADoubleQuoteAndABackslash() {
		assertRoundTrip(Listener.SASL, "sasl.mechanism=plain", "sasl.username=" + SecuredKafka.QUOTED_USER,
				"sasl.password=" + SecuredKafka.QUOTED_PASSWORD);
	}

	@Test
	void saslScramSha256() {
		assertRoundTrip(Listener.SASL, "sasl.mechanism=scram-sha-256", "sasl.username=" + SCRAM_USER,
				"sasl.password=" + SCRAM_PASSWORD);
	}

	@Test
	void saslScramSha512WithAPasswordHoldingADoubleQuoteAndABackslash() {
		assertRoundTrip(Listener.SASL, "sasl.mechanism=scram-sha-512", "sasl.username=" + QUOTED_SCRAM_USER,
				"sasl.password=" + QUOTED_SCRAM_PASSWORD);
	}

	@Test
	void saslOverTls() {
		assertRoundTrip(Listener.SASL_TLS, "ssl.ca[0]=" + kafka.file("ca.pem"), "sasl.mechanism=plain",
				"sasl.username=" + SecuredKafka.PLAIN_USER, "sasl.password=" + SecuredKafka.PLAIN_PASSWORD);
	}

	@Test
	void oauthbearerWithClientCredentialsFromATokenEndpoint() {
		assertRoundTrip(Listener.SASL, "sasl.mechanism=oauthbearer", "sasl.clientId=" + SecuredKafka.OAUTH_CLIENT_ID,
				"sasl.clientSecret=" + SecuredKafka.OAUTH_CLIENT_SECRET, "sasl.scope=kafka-events",
				"sasl.tokenEndpointUrl=" + kafka.tokenEndpoint().tokenUrl());
		assertThat(kafka.tokenEndpoint().grantedScopes()).contains("kafka-events");
	}

	@Test
	void aSpringBootSslBundleWithTrustAndKeyMaterial() {
		assertRoundTrip(
				this.contextRunner.withPropertyValues(
						"spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + kafka.file("ca.pem"),
						"spring.ssl.bundle.pem.kafka.keystore.certificate=file:" + kafka.file("client.pem"),
						"spring.ssl.bundle.pem.kafka.keystore.private-key=file:" + kafka.file("client.key")),
				Listener.MTLS, "ssl.bundle=kafka");
	}

	@Test
	void healthChecksTheBrokersOfSecuredInstancesWithTheirTlsSettings() {
		String topic = kafka.createTopic("health");
		this.contextRunner.withConfiguration(AutoConfigurations.of(KafkaEventsHealthContributorAutoConfiguration.class))
			.withPropertyValues(configuration(Listener.MTLS, topic, "ssl.ca[0]=" + kafka.file("ca.pem"),
					"ssl.cert=" + kafka.file("client.pem"), "ssl.key=" + kafka.file("client.key")))
			.run((context) -> {
				KafkaEventsHealthContributor health = context.getBean(KafkaEventsHealthContributor.class);
				for (String instance : List.of("in", "out")) {
					HealthIndicator indicator = (HealthIndicator) health.getContributor(instance);
					await().atMost(TestKafka.timeout())
						.until(() -> Status.UP.equals(indicator.health(true).getStatus()));
				}
			});
	}

	@Test
	void aRecordThatFailsIsDeadLetteredThroughTheSecuredConnection() {
		String topic = kafka.createTopic("dead-letter");
		String deadLetterTopic = kafka.createTopic("dead-letter-dlt");
		this.contextRunner
			.withPropertyValues(
					configuration(Listener.SASL_TLS, topic, "ssl.ca[0]=" + kafka.file("ca.pem"), "sasl.mechanism=plain",
							"sasl.username=" + SecuredKafka.PLAIN_USER, "sasl.password=" + SecuredKafka.PLAIN_PASSWORD))
			.withPropertyValues(CONSUMING + "topics[0].retry.attempts=1",
					CONSUMING + "topics[0].deadLetterTopic=" + deadLetterTopic)
			.run((context) -> {
				kafka.sendJson(topic, "{\"fail\":true}");
				await().atMost(TestKafka.timeout()).until(() -> kafka.endOffset(deadLetterTopic) == 1);
			});
	}

	@Test
	void aWrongPasswordIsLoggedWithInstanceMechanismAndBrokersAndRetriedWithoutATightLoopUntilItIsAccepted(
			CapturedOutput output) {
		String topic = kafka.createTopic("wrong-password");
		kafka.createScramUser("erin", "erin-secret");
		kafka.sendJson(topic, "{\"n\":1}");
		String[] connection = { "sasl.mechanism=scram-sha-256", "sasl.username=erin",
				"sasl.password=wrong-password-value" };
		this.contextRunner.withPropertyValues(configuration(Listener.SASL, topic, connection)).run((context) -> {
			String line = "Kafka events mapping 'in.secure.in' (instance 'in'): cannot authenticate with brokers ["
					+ kafka.brokers(Listener.SASL) + "] over SASL_PLAINTEXT with SASL mechanism SCRAM-SHA-256: the "
					+ "broker rejected the SASL credentials (Authentication failed during authentication due to "
					+ "invalid credentials with SASL mechanism SCRAM-SHA-256); check sasl.mechanism and "
					+ "sasl.username and sasl.password";
			await().atMost(TestKafka.timeout()).until(() -> output.toString().contains(line));
			assertThat(bridge(context).getContainer().getContainerProperties().getAuthExceptionRetryInterval())
				.isEqualTo(Duration.ofSeconds(10));
			assertThat(output.toString()).contains("for oauthbearer). Retrying in 10s.");
			Throwable sendFailure = send(context, "{\"n\":2}");
			assertThat(sendFailure).isInstanceOf(SaslAuthenticationException.class);
			assertThat(sendFailure.getMessage()).doesNotContain("wrong-password-value");
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(3))
				.until(() -> occurrences(output.toString(), "cannot authenticate with brokers") == 1);
			assertThat(context.getBean(RecordingHandler.class).events).isEmpty();
			kafka.createScramUser("erin", "wrong-password-value");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> context.getBean(RecordingHandler.class).events.size() == 1);
			assertThat(output.toString()).contains("Kafka events mapping 'in.secure.in' (instance 'in'): authenticated "
					+ "with brokers [" + kafka.brokers(Listener.SASL) + "] after retrying");
			assertThat(occurrences(output.toString(), "cannot authenticate with brokers")).isBetween(1, 4);
		});
		assertThat(output).doesNotContain("wrong-password-value");
	}

	private void assertRoundTrip(Listener listener, String... connection) {
		assertRoundTrip(this.contextRunner, listener, connection);
	}

	private void assertRoundTrip(ApplicationContextRunner runner, Listener listener, String... connection) {
		String topic = kafka.createTopic(listener.name().toLowerCase(Locale.ROOT).replace('_', '-'));
		runner.withPropertyValues(configuration(listener, topic, connection)).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(EventsService.class)
				.publish(EventParams.of(PUBLISHED_TOPIC, Map.of("secure", listener.name())))
				.get(30, TimeUnit.SECONDS);
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			await().atMost(TestKafka.timeout()).until(() -> handler.events.size() == 1);
			assertThat(handler.events.peek().eventPayload()).isEqualTo(Map.of("secure", listener.name()));
		});
	}

	private void assertRefused(CapturedOutput output, Listener listener, String reason, String... connection) {
		String topic = kafka.createTopic("refused");
		kafka.sendJson(topic, "{\"n\":1}");
		this.contextRunner.withPropertyValues(configuration(listener, topic, connection)).run((context) -> {
			String line = "Kafka events mapping 'in.secure.in' (instance 'in'): cannot authenticate with brokers ["
					+ kafka.brokers(listener) + "] " + reason;
			await().atMost(TestKafka.timeout()).until(() -> output.toString().contains(line));
			assertThat(context.getBean(RecordingHandler.class).events).isEmpty();
			assertThat(bridge(context).getContainer().getAssignedPartitions()).isEmpty();
		});
	}

	private static Throwable send(ConfigurableApplicationContext context, String json) {
		PublishingMapping mapping = context.getBean(KafkaInstanceRegistry.class).getPublishingMappings().get(0);
		Map<String, Object> properties = new HashMap<>(mapping.producerProperties());
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
			producer.send(new ProducerRecord<>(mapping.kafkaTopic(), json.getBytes(StandardCharsets.UTF_8)))
				.get(30, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static String[] configuration(Listener listener, String topic, String... connection) {
		String brokers = kafka.brokers(listener);
		List<String> values = new ArrayList<>(
				List.of(CONSUMING + "clientId=in-client", CONSUMING + "brokers[0]=" + brokers,
						CONSUMING + "topics[0].topic=" + EVENTS_TOPIC, CONSUMING + "topics[0].kafka.topics[0]=" + topic,
						CONSUMING + "topics[0].kafka.groupId=" + TestKafka.uniqueGroup(topic),
						CONSUMING + "topics[0].kafka.fromBeginning=true", PUBLISHING + "clientId=out-client",
						PUBLISHING + "brokers[0]=" + brokers, PUBLISHING + "topics[0].topic=" + PUBLISHED_TOPIC,
						PUBLISHING + "topics[0].kafka.topic=" + topic));
		for (String property : connection) {
			values.add(CONSUMING + property);
			values.add(PUBLISHING + property);
		}
		return values.toArray(String[]::new);
	}

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlerConfiguration {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

	}

	static class RecordingHandler {

		final Queue<EventParams> events = new ConcurrentLinkedQueue<>();

		@EventHandler(EVENTS_TOPIC)
		void handle(EventParams event) {
			this.events.add(event);
			if (event.eventPayload() instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
		}

	}

}
