package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import dev.kafkaevents.test.TestCertificates;
import dev.kafkaevents.test.TestCertificates.Authority;
import dev.kafkaevents.test.TestCertificates.Issued;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests of the client properties derived from the {@code ssl} and {@code sasl} blocks,
 * and of their validation.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsAndSaslClientPropertiesTests {

	private static final String PREFIX = "events.modules.kafka.kafkaPublishingEventConsumer.";

	private static final String TOKEN_URL = "https://login.example.com/oauth2/token";

	private static Authority authority;

	private static Issued client;

	@TempDir
	static Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> new KafkaEventsEnvironmentPostProcessor((destination) -> destination.get())
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaEventsAutoConfiguration.class));

	@BeforeAll
	static void createCertificates() throws IOException {
		authority = TestCertificates.authority("kafka-events test CA");
		client = authority.client("events-client");
		Files.writeString(directory.resolve("ca.pem"), authority.certificatePem());
		Files.writeString(directory.resolve("client.pem"), client.certificatePem());
		Files.writeString(directory.resolve("client.key"), client.privateKeyPem());
	}

	@Test
	void sslTrueUsesTheClientsOwnTlsWithTheJvmsDefaultTrust() {
		this.contextRunner.withPropertyValues(instance("dev", "ssl=true")).run((context) -> {
			assertThat(producer(context, "dev")).containsEntry("security.protocol", "SSL")
				.doesNotContainKeys("ssl.engine.factory.class", SslBundleEngineFactory.SSL_BUNDLE_CONFIG,
						"ssl.endpoint.identification.algorithm");
		});
	}

	@Test
	void caAsPemContentFileLocationPlainPathAndClasspathLocationAreTrusted() throws IOException {
		ClassLoader classLoader = new URLClassLoader(new URL[] { directory.toUri().toURL() },
				getClass().getClassLoader());
		this.contextRunner.withClassLoader(classLoader)
			.withPropertyValues(instance("content", "ssl.ca[0]=" + authority.certificatePem()))
			.withPropertyValues(instance("file", "ssl.ca[0]=file:" + directory.resolve("ca.pem")))
			.withPropertyValues(instance("path", "ssl.ca[0]=" + directory.resolve("ca.pem")))
			.withPropertyValues(instance("classpath", "ssl.ca[0]=classpath:ca.pem"))
			.run((context) -> {
				for (String name : List.of("content", "file", "path", "classpath")) {
					Map<String, Object> producer = producer(context, name);
					assertThat(producer).containsEntry("security.protocol", "SSL")
						.containsEntry("ssl.engine.factory.class", SslBundleEngineFactory.class)
						.doesNotContainKey("ssl.endpoint.identification.algorithm");
					assertThat(trustStore(producer).getCertificateAlias(authority.certificate())).isNotNull();
					assertThat(keyStore(producer)).isNull();
				}
			});
	}

	@Test
	void certAndKeyGiveTheClientKeyMaterialForMutualTls() {
		this.contextRunner
			.withPropertyValues(
					instance("pkcs8", "ssl.cert=" + client.certificatePem(), "ssl.key=" + client.privateKeyPem()))
			.withPropertyValues(instance("files", "ssl.ca[0]=" + directory.resolve("ca.pem"),
					"ssl.cert=" + directory.resolve("client.pem"), "ssl.key=file:" + directory.resolve("client.key")))
			.withPropertyValues(instance("traditional", "ssl.cert=" + client.certificatePem(),
					"ssl.key=" + client.traditionalPrivateKeyPem()))
			.withPropertyValues(instance("encrypted", "ssl.cert=" + client.certificatePem(),
					"ssl.key=" + client.encryptedPrivateKeyPem("open \"sesame\""), "ssl.passphrase=open \"sesame\""))
			.run((context) -> {
				for (String name : List.of("pkcs8", "files", "traditional", "encrypted")) {
					KeyStore keyStore = keyStore(producer(context, name));
					String alias = Collections.list(keyStore.aliases()).get(0);
					assertThat(keyStore.isKeyEntry(alias)).isTrue();
					assertThat(keyStore.getCertificate(alias)).isEqualTo(client.certificate());
				}
				assertThat(trustStore(producer(context, "pkcs8"))).isNull();
				assertThat(trustStore(producer(context, "files")).getCertificateAlias(authority.certificate()))
					.isNotNull();
			});
	}

	@Test
	void derivedTlsPropertiesCreateAKafkaClient() {
		this.contextRunner
			.withPropertyValues(instance("dev", "ssl.ca[0]=" + authority.certificatePem(),
					"ssl.cert=" + client.certificatePem(), "ssl.key=" + client.privateKeyPem()))
			.withPropertyValues(instance("insecure", "ssl.rejectUnauthorized=false"))
			.run((context) -> {
				for (String name : List.of("dev", "insecure")) {
					new KafkaProducer<byte[], byte[]>(producer(context, name)).close(Duration.ZERO);
				}
			});
	}

	@Test
	void rejectUnauthorizedFalseTrustsAnyServerSkipsHostNameChecksAndWarnsNamingTheInstance(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(instance("insecure", "ssl.rejectUnauthorized=false",
					"ssl.cert=" + client.certificatePem(), "ssl.key=" + client.privateKeyPem()))
			.withPropertyValues(instance("secure", "ssl.rejectUnauthorized=true"))
			.run((context) -> {
				Map<String, Object> insecure = producer(context, "insecure");
				assertThat(insecure).containsEntry("security.protocol", "SSL")
					.containsEntry("ssl.endpoint.identification.algorithm", "")
					.containsEntry("ssl.engine.factory.class", SslBundleEngineFactory.class);
				SslBundle bundle = (SslBundle) insecure.get(SslBundleEngineFactory.SSL_BUNDLE_CONFIG);
				assertThat(bundle.getManagers().getTrustManagers()).singleElement()
					.extracting((manager) -> manager.getClass().getSimpleName())
					.isEqualTo("TrustAnyServerTrustManager");
				assertThat(keyStore(insecure).getCertificate(Collections.list(keyStore(insecure).aliases()).get(0)))
					.isEqualTo(client.certificate());
				assertThat(producer(context, "secure")).containsEntry("security.protocol", "SSL")
					.doesNotContainKey("ssl.engine.factory.class");
				assertThat(output)
					.contains("Kafka events instance 'insecure' does not verify its brokers' "
							+ "certificates or host names (" + PREFIX + "insecure.ssl.rejectUnauthorized is false)")
					.doesNotContain("instance 'secure' does not verify");
			});
	}

	@Test
	void sslBundleIsUsedForTheClient() {
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.pem.kafka.truststore.certificate=" + authority.certificatePem())
			.withPropertyValues(instance("dev", "ssl.bundle=kafka"))
			.run((context) -> {
				Map<String, Object> producer = producer(context, "dev");
				assertThat(producer).containsEntry("security.protocol", "SSL")
					.containsEntry("ssl.engine.factory.class", SslBundleEngineFactory.class)
					.containsEntry(SslBundleEngineFactory.SSL_BUNDLE_CONFIG,
							context.getBean(SslBundles.class).getBundle("kafka"));
			});
	}

	@Test
	void missingSslBundleFailsStartupNamingThePropertyPath() {
		this.contextRunner.withPropertyValues(instance("dev", "ssl.bundle=nowhere"))
			.run((context) -> assertThat(problems(context)).singleElement().satisfies((problem) -> {
				assertThat(problem.property()).isEqualTo(PREFIX + "dev.ssl.bundle");
				assertThat(problem.description()).isEqualTo("There is no SSL bundle named 'nowhere'.");
				assertThat(problem.action()).contains("spring.ssl.bundle.pem.nowhere");
			}));
	}

	@Test
	void sslBundleCombinedWithPemSettingsFailsStartup() {
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.pem.kafka.truststore.certificate=" + authority.certificatePem())
			.withPropertyValues(instance("dev", "ssl.bundle=kafka", "ssl.ca[0]=" + authority.certificatePem()))
			.withPropertyValues(instance("passphrase", "ssl.bundle=kafka", "ssl.passphrase=secret-passphrase"))
			.run((context) -> {
				assertThat(problems(context)).extracting(Problem::property, Problem::description)
					.containsExactly(
							tuple(PREFIX + "dev.ssl.bundle", "An SSL bundle cannot be combined with ca, cert or key."),
							tuple(PREFIX + "passphrase.ssl.passphrase",
									"A passphrase cannot be combined with an SSL bundle."));
				assertThat(context.getStartupFailure().getMessage()).doesNotContain("secret-passphrase");
			});
	}

	@Test
	void missingPemFilesFailStartupNamingThePropertyPathsOfTheInstance() {
		this.contextRunner
			.withPropertyValues(
					instance("dev", "ssl.ca[0]=" + authority.certificatePem(), "ssl.ca[1]=file:/nonexistent/ca.pem",
							"ssl.cert=classpath:nonexistent/client.pem", "ssl.key=/nonexistent/client.key"))
			.withPropertyValues(PREFIX + "dev.topics[1].topic=more", PREFIX + "dev.topics[1].kafka.topic=more")
			.run((context) -> {
				assertThat(problems(context)).extracting(Problem::property)
					.containsExactly(PREFIX + "dev.ssl.ca[1]", PREFIX + "dev.ssl.cert", PREFIX + "dev.ssl.key");
				assertThat(problems(context).get(0).description())
					.contains("'file:/nonexistent/ca.pem' cannot be read");
				assertThat(problems(context).get(2).description())
					.isEqualTo("The value is neither PEM content nor a readable resource.");
				assertThat(context.getStartupFailure()).hasMessageContaining(PREFIX + "dev.ssl.ca[1]");
			});
	}

	@Test
	void pemContentWithoutACertificateFailsStartupNamingThePropertyPath() {
		String notACertificate = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
		this.contextRunner
			.withPropertyValues(instance("dev", "ssl.ca[0]=" + notACertificate, "ssl.cert=" + notACertificate,
					"ssl.key=" + client.privateKeyPem()))
			.run((context) -> assertThat(problems(context)).extracting(Problem::property, Problem::description)
				.containsExactly(tuple(PREFIX + "dev.ssl.ca[0]", "No PEM certificate can be read from the value."),
						tuple(PREFIX + "dev.ssl.cert", "No PEM certificate can be read from the value.")));
	}

	@Test
	void unreadableKeysAreReportedWithoutTheirContent() {
		String key = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n";
		this.contextRunner
			.withPropertyValues(instance("garbled", "ssl.cert=" + client.certificatePem(), "ssl.key=" + key))
			.withPropertyValues(instance("typo", "ssl.cert=" + client.certificatePem(), "ssl.key=secret-key-material"))
			.run((context) -> {
				assertThat(problems(context)).extracting(Problem::property)
					.containsExactly(PREFIX + "garbled.ssl.key", PREFIX + "typo.ssl.key");
				assertThat(context.getStartupFailure().getMessage()).doesNotContain("c2VjcmV0", "secret-key-material");
			});
	}

	@Test
	void encryptedKeysNeedTheRightPassphrase() {
		String encrypted = client.encryptedPrivateKeyPem("right");
		this.contextRunner
			.withPropertyValues(instance("missing", "ssl.cert=" + client.certificatePem(), "ssl.key=" + encrypted))
			.withPropertyValues(instance("wrong", "ssl.cert=" + client.certificatePem(), "ssl.key=" + encrypted,
					"ssl.passphrase=wrong-passphrase"))
			.withPropertyValues(instance("alone", "ssl.passphrase=lonely-passphrase"))
			.run((context) -> {
				assertThat(problems(context)).extracting(Problem::property, Problem::description)
					.containsExactly(
							tuple(PREFIX + "missing.ssl.passphrase",
									"The client private key is encrypted and no passphrase is set."),
							tuple(PREFIX + "wrong.ssl.passphrase",
									"The passphrase does not decrypt the client private key."),
							tuple(PREFIX + "alone.ssl.passphrase",
									"A passphrase is set without a client private key."));
				assertThat(context.getStartupFailure().getMessage()).doesNotContain("wrong-passphrase",
						"lonely-passphrase");
			});
	}

	@Test
	void plainAndScramMechanismsMapToTheirJaasConfigurationWithQuotesAndBackslashesEscaped() {
		this.contextRunner
			.withPropertyValues(
					instance("plain", "sasl.mechanism=plain", "sasl.username=al\"ice", "sasl.password=pa\"ss\\word"))
			.withPropertyValues(instance("scram256", "ssl=true", "sasl.mechanism=scram-sha-256", "sasl.username=bob",
					"sasl.password=secret"))
			.withPropertyValues(
					instance("scram512", "sasl.mechanism=SCRAM-SHA-512", "sasl.username=carol", "sasl.password=secret"))
			.run((context) -> {
				assertThat(producer(context, "plain")).contains(entry("security.protocol", "SASL_PLAINTEXT"),
						entry("sasl.mechanism", "PLAIN"),
						entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
								+ "username=\"al\\\"ice\" password=\"pa\\\"ss\\\\word\";"));
				assertThat(producer(context, "scram256")).contains(entry("security.protocol", "SASL_SSL"),
						entry("sasl.mechanism", "SCRAM-SHA-256"),
						entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
								+ "username=\"bob\" password=\"secret\";"));
				assertThat(producer(context, "scram512")).contains(entry("sasl.mechanism", "SCRAM-SHA-512"));
			});
	}

	@Test
	void oauthbearerMapsToKafkasClientCredentialsSupport() {
		withAllowedTokenUrls(TOKEN_URL, () -> this.contextRunner
			.withPropertyValues(instance("dev", "ssl=true", "sasl.mechanism=oauthbearer", "sasl.clientId=events-app",
					"sasl.clientSecret=client-secret", "sasl.scope=kafka", "sasl.tokenEndpointUrl=" + TOKEN_URL))
			.run((context) -> assertThat(producer(context, "dev"))
				.doesNotContainKeys("sasl.oauthbearer.jwt.retriever.class", "ssl.engine.factory.class")
				.contains(entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "OAUTHBEARER"),
						entry("sasl.jaas.config",
								"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"),
						entry("sasl.login.callback.handler.class",
								"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"),
						entry("sasl.oauthbearer.token.endpoint.url", TOKEN_URL),
						entry("sasl.oauthbearer.client.credentials.client.id", "events-app"),
						entry("sasl.oauthbearer.client.credentials.client.secret", "client-secret"),
						entry("sasl.oauthbearer.scope", "kafka"))));
	}

	@Test
	void oauthbearerNeedsItsTokenEndpointInTheKafkaAllowList() {
		withAllowedTokenUrls("https://other.example.com/token",
				() -> this.contextRunner
					.withPropertyValues(instance("dev", "sasl.mechanism=oauthbearer", "sasl.clientId=events-app",
							"sasl.clientSecret=client-secret", "sasl.tokenEndpointUrl=" + TOKEN_URL))
					.run((context) -> assertThat(problems(context)).singleElement().satisfies((problem) -> {
						assertThat(problem.property()).isEqualTo(PREFIX + "dev.sasl.tokenEndpointUrl");
						assertThat(problem.action())
							.isEqualTo("Start the JVM with -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls="
									+ TOKEN_URL + " (a comma-separated list for several endpoints).");
					})));
	}

	@Test
	void mechanismsRejectTheCredentialsOfTheOtherKind() {
		withAllowedTokenUrls(TOKEN_URL,
				() -> this.contextRunner
					.withPropertyValues(instance("oauth", "sasl.mechanism=oauthbearer", "sasl.username=alice",
							"sasl.password=password-secret", "sasl.tokenEndpointUrl=" + TOKEN_URL))
					.withPropertyValues(instance("plain", "sasl.mechanism=plain", "sasl.username=alice",
							"sasl.password=password-secret", "sasl.clientSecret=client-secret"))
					.withPropertyValues(instance("none", "sasl.username=alice"))
					.withPropertyValues(instance("scope", "sasl.scope=kafka"))
					.run((context) -> {
						assertThat(problems(context)).extracting(Problem::property)
							.containsExactly(PREFIX + "oauth.sasl.username", PREFIX + "oauth.sasl.password",
									PREFIX + "oauth.sasl.clientId", PREFIX + "oauth.sasl.clientSecret",
									PREFIX + "plain.sasl.clientSecret", PREFIX + "none.sasl.mechanism",
									PREFIX + "scope.sasl.mechanism");
						assertThat(problems(context).get(5).action()).isEqualTo("Set " + PREFIX
								+ "none.sasl.mechanism to one of oauthbearer, plain, scram-sha-256, scram-sha-512.");
						assertThat(context.getStartupFailure().getMessage()).doesNotContain("password-secret",
								"client-secret");
					}));
	}

	private static void withAllowedTokenUrls(String urls, Runnable action) {
		String previous = System.setProperty(SaslClientProperties.ALLOWED_TOKEN_URLS_PROPERTY, urls);
		try {
			action.run();
		}
		finally {
			if (previous != null) {
				System.setProperty(SaslClientProperties.ALLOWED_TOKEN_URLS_PROPERTY, previous);
			}
			else {
				System.clearProperty(SaslClientProperties.ALLOWED_TOKEN_URLS_PROPERTY);
			}
		}
	}

	private static String[] instance(String name, String... properties) {
		List<String> values = new ArrayList<>(List.of("clientId=" + name + "-client", "brokers[0]=localhost:9093",
				"topics[0].topic=" + name + ".events", "topics[0].kafka.topic=" + name + "-topic"));
		values.addAll(List.of(properties));
		return values.stream().map((value) -> PREFIX + name + "." + value).toArray(String[]::new);
	}

	private static Map<String, Object> producer(AssertableApplicationContext context, String instance) {
		assertThat(context).hasNotFailed();
		return KafkaEventsContextRunners.publishingProperties(context.getBean(KafkaInstanceRegistry.class))
			.get(instance);
	}

	private static KeyStore trustStore(Map<String, Object> properties) {
		return ((SslBundle) properties.get(SslBundleEngineFactory.SSL_BUNDLE_CONFIG)).getStores().getTrustStore();
	}

	private static KeyStore keyStore(Map<String, Object> properties) {
		return ((SslBundle) properties.get(SslBundleEngineFactory.SSL_BUNDLE_CONFIG)).getStores().getKeyStore();
	}

	private static List<Problem> problems(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidKafkaEventsConfigurationException.class);
		Throwable failure = context.getStartupFailure();
		while (!(failure instanceof InvalidKafkaEventsConfigurationException)) {
			failure = failure.getCause();
		}
		return ((InvalidKafkaEventsConfigurationException) failure).getProblems();
	}

}
