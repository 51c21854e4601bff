package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import dev.kafkaevents.test.TestCertificates;
import dev.kafkaevents.test.TestCertificates.Authority;
import dev.kafkaevents.test.TestCertificates.Issued;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that the blocks of Backstage's README, and the ssl and sasl forms its users
 * write, paste into YAML unchanged and give the expected Kafka client properties.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class BackstageReadmeConfigurationTests {

	private static final Authority AUTHORITY = TestCertificates.authority("kafka-events README CA");

	private static final Authority SECOND_AUTHORITY = TestCertificates.authority("kafka-events second CA");

	private static final Issued CLIENT = AUTHORITY.client("your-client-id");

	private static final String CA = AUTHORITY.certificatePem();

	private static final String CERT = CLIENT.certificatePem();

	private static final String KEY = CLIENT.privateKeyPem();

	@TempDir
	private Path pemDir;

	@Test
	void readmeConsumingBlockResolvesToOneConsumer() {
		KafkaEventsContextRunners.withYaml("readme-consuming.yaml").run((context) -> {
			ConsumingMapping mapping = registry(context).findConsumingMapping("production.backstage.topic")
				.orElseThrow();
			assertThat(mapping.instance()).isEqualTo("production");
			assertThat(mapping.kafkaTopics()).containsExactly("topic1");
			assertThat(mapping.autoCommit()).isTrue();
			assertThat(mapping.pauseOnError()).isFalse();
			assertThat(mapping.fromBeginning()).isNull();
			assertThat(mapping.concurrency()).isOne();
			assertThat(mapping.consumerProperties())
				.contains(entry("bootstrap.servers", "broker1:9092,broker2:9092"), entry("client.id", "your-client-id"),
						entry("group.id", "your-group-id"))
				.doesNotContainKeys("security.protocol", "auto.offset.reset");
		});
	}

	@Test
	void readmeBlocksPastedAsIsStartWithKafkasDefaultPortForBrokersWithoutOne(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("readme-consuming.yaml", "readme-publishing.yaml")
			.withConfiguration(AutoConfigurations.of(KafkaEventsPublishingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(KafkaPublishingTemplates.class);
				KafkaInstance production = registry(context).getInstance("production").orElseThrow();
				assertThat(production.consuming().brokers()).containsExactly("broker1:9092", "broker2:9092");
				assertThat(production.publishing().brokers()).containsExactly("broker1:9092", "broker2:9092");
				assertThat(production.consumingMappings()).singleElement()
					.satisfies((mapping) -> assertThat(new ConsumerConfig(mapping.consumerProperties())
						.getList(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG))
						.containsExactly("broker1:9092", "broker2:9092"));
			});
		assertThat(output)
			.contains("events.modules.kafka.kafkaConsumingEventPublisher.production.brokers[0] 'broker1' "
					+ "has no port: using Kafka's default port 9092 (broker1:9092)")
			.contains("events.modules.kafka.kafkaPublishingEventConsumer.production.brokers[1] 'broker2' "
					+ "has no port: using Kafka's default port 9092 (broker2:9092)");
	}

	@Test
	void readmeBlocksPastedAsIsStartTheApplicationWithItsBridgesWhileTheirBrokersDoNotResolve(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("readme-consuming.yaml", "readme-publishing.yaml")
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
					KafkaEventsPublishingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(KafkaConsumingBridges.class).getBridges()).singleElement()
					.satisfies((bridge) -> assertThat(bridge.getState()).isEqualTo(ConsumingState.NOT_CONNECTED));
				assertThat(output).contains("(instance 'production'): cannot resolve any of the brokers "
						+ "[broker1:9092, broker2:9092] (No resolvable bootstrap urls");
			});
	}

	@Test
	void brokerWithoutPortReachesTheConsumerAsHostAndDefaultPortSoTheBridgesStart() {
		String instance = "events.modules.kafka.kafkaConsumingEventPublisher.production";
		KafkaEventsContextRunners.withYaml()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class))
			.withPropertyValues(instance + ".clientId=your-client-id", instance + ".brokers=localhost",
					instance + ".topics[0].topic=backstage.topic", instance + ".topics[0].kafka.topics=topic1",
					instance + ".topics[0].kafka.groupId=your-group-id")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(KafkaConsumingBridges.class).getBridges()).singleElement()
					.satisfies((bridge) -> {
						assertThat(bridge.getMapping().brokers()).containsExactly("localhost:9092");
						assertThat(bridge.getContainer().isRunning()).isTrue();
					});
			});
	}

	@Test
	void readmePublishingBlockResolvesToOneProducer() {
		KafkaEventsContextRunners.withYaml("readme-publishing.yaml").run((context) -> {
			PublishingMapping mapping = registry(context).findPublishingMapping("production.catalog.entity.created")
				.orElseThrow();
			assertThat(mapping.kafkaTopic()).isEqualTo("kafka-topic-name");
			assertThat(mapping.key()).isNull();
			assertThat(mapping.headers().forward()).isFalse();
			assertThat(mapping.producerProperties())
				.contains(entry("bootstrap.servers", "broker1:9092,broker2:9092"), entry("client.id", "your-client-id"),
						entry("acks", "all"))
				.doesNotContainKey("security.protocol");
		});
	}

	@Test
	void readmeSslAndSaslBlocksGiveSaslSslWithPemFilesRead() throws IOException {
		writePemFiles();
		KafkaEventsContextRunners.withYaml("readme-ssl-sasl.yaml")
			.withPropertyValues("pem-dir=" + this.pemDir)
			.run((context) -> {
				Map<String, Object> consumer = registry(context).getConsumingMappings().get(0).consumerProperties();
				assertThat(consumer)
					.contains(entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "PLAIN"),
							entry("ssl.engine.factory.class", SslBundleEngineFactory.class))
					.doesNotContainKeys("ssl.endpoint.identification.algorithm", "ssl.key.password",
							"ssl.truststore.certificates", "ssl.keystore.key");
				assertThat(trustStore(consumer).getCertificateAlias(AUTHORITY.certificate())).isNotNull();
				assertThat(clientCertificate(consumer)).isEqualTo(CLIENT.certificate());
				assertThat(jaasOptions(consumer)).containsOnly(entry("username", "your-username"),
						entry("password", "your-password"));
			});
	}

	@Test
	void readmeSslAndSaslBlocksWithOnlyACommentLeaveThePublisherInPlaintext() throws IOException {
		writePemFiles();
		KafkaEventsContextRunners.withYaml("readme-ssl-sasl.yaml")
			.withPropertyValues("pem-dir=" + this.pemDir)
			.run((context) -> assertThat(
					KafkaEventsContextRunners.publishingProperties(registry(context)).get("production"))
				.doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config"));
	}

	@Test
	void sslTrueEnablesTlsWithTheJvmsTrust() {
		securityInstances().run((context) -> {
			Map<String, Object> tls = consumer(context, "tls");
			assertThat(tls).containsEntry("security.protocol", "SSL");
			assertThat(tls.keySet()).noneMatch((key) -> key.startsWith("ssl.") || key.startsWith("sasl."));
		});
	}

	@Test
	void sslObjectWithInlineCasAndRejectUnauthorizedFalseAcceptsAnyServerWithoutVerification() {
		securityInstances().run((context) -> {
			Map<String, Object> selfSigned = consumer(context, "self-signed");
			assertThat(selfSigned).contains(entry("security.protocol", "SSL"),
					entry("ssl.endpoint.identification.algorithm", ""),
					entry("ssl.engine.factory.class", SslBundleEngineFactory.class));
			SslBundle bundle = bundle(selfSigned);
			assertThat(bundle.getStores().getTrustStore().size()).isEqualTo(2);
			assertThat(bundle.getStores().getKeyStore()).isNull();
			assertThat(bundle.getManagers().getTrustManagers()).singleElement()
				.extracting((manager) -> manager.getClass().getSimpleName())
				.isEqualTo("TrustAnyServerTrustManager");
			assertThat(new ConsumerConfig(selfSigned).getClass("ssl.engine.factory.class"))
				.isEqualTo(SslBundleEngineFactory.class);
		});
	}

	@Test
	void saslPlainWithoutSslUsesSaslPlaintext() {
		securityInstances().run((context) -> {
			Map<String, Object> plain = consumer(context, "plain");
			assertThat(plain)
				.contains(entry("security.protocol", "SASL_PLAINTEXT"), entry("sasl.mechanism", "PLAIN"), entry(
						"sasl.jaas.config",
						"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"alice-secret\";"));
		});
	}

	@Test
	void saslScramSha256OverTlsEscapesQuotesAndBackslashesInTheJaasConfig() {
		securityInstances().run((context) -> {
			Map<String, Object> scram = KafkaEventsContextRunners.publishingProperties(registry(context)).get("scram");
			assertThat(scram).contains(entry("bootstrap.servers", "kafka1:9094,kafka2:9094"),
					entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "SCRAM-SHA-256"),
					entry("sasl.jaas.config",
							"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\" password=\"pa\\\"ss\\\\word\";"));
			assertThat(jaasOptions(scram)).containsOnly(entry("username", "bob"), entry("password", "pa\"ss\\word"));
		});
	}

	@Test
	void saslScramSha512AcceptsAuthorizationIdentityWithoutPassingItOn() {
		securityInstances().run((context) -> {
			assertThat(context.getBean(KafkaEventsProperties.class)
				.getKafkaPublishingEventConsumer()
				.get("scram-512")
				.getSasl()
				.getAuthorizationIdentity()).isEqualTo("admin");
			Map<String, Object> scram = registry(context).getPublishingMappings().get(1).producerProperties();
			assertThat(scram).contains(entry("security.protocol", "SASL_PLAINTEXT"),
					entry("sasl.mechanism", "SCRAM-SHA-512"));
			assertThat(jaasOptions(scram)).containsOnly(entry("username", "carol"), entry("password", "carol-secret"));
		});
	}

	@Test
	void singleCaStringAndInlineEncryptedClientKeyWithPassphraseGiveTheClientItsKeyMaterial() {
		String instance = "events.modules.kafka.kafkaConsumingEventPublisher.secure";
		KafkaEventsContextRunners.withYaml()
			.withPropertyValues(instance + ".clientId=secure-client", instance + ".brokers=secure-kafka:9093",
					instance + ".ssl.rejectUnauthorized=false", instance + ".ssl.ca=" + CA,
					instance + ".ssl.cert=" + CERT,
					instance + ".ssl.key=" + CLIENT.encryptedPrivateKeyPem("key-passphrase"),
					instance + ".ssl.passphrase=key-passphrase", instance + ".topics[0].topic=secure.events",
					instance + ".topics[0].kafka.topics=secure-topic",
					instance + ".topics[0].kafka.groupId=secure-group")
			.run((context) -> {
				Map<String, Object> secure = consumer(context, "secure");
				assertThat(secure)
					.contains(entry("security.protocol", "SSL"), entry("ssl.endpoint.identification.algorithm", ""),
							entry("ssl.engine.factory.class", SslBundleEngineFactory.class))
					.doesNotContainKeys("ssl.key.password", "ssl.keystore.key");
				assertThat(trustStore(secure).getCertificateAlias(AUTHORITY.certificate())).isNotNull();
				assertThat(clientCertificate(secure)).isEqualTo(CLIENT.certificate());
			});
	}

	private static ApplicationContextRunner securityInstances() {
		return KafkaEventsContextRunners.withYaml("security-instances.yaml")
			.withPropertyValues("test.first-ca=" + CA, "test.second-ca=" + SECOND_AUTHORITY.certificatePem());
	}

	private static SslBundle bundle(Map<String, Object> properties) {
		return (SslBundle) properties.get(SslBundleEngineFactory.SSL_BUNDLE_CONFIG);
	}

	private static KeyStore trustStore(Map<String, Object> properties) {
		return bundle(properties).getStores().getTrustStore();
	}

	private static Certificate clientCertificate(Map<String, Object> properties) throws KeyStoreException {
		KeyStore keyStore = bundle(properties).getStores().getKeyStore();
		return keyStore.getCertificate(keyStore.aliases().nextElement());
	}

	private void writePemFiles() throws IOException {
		Files.writeString(this.pemDir.resolve("ca-cert"), CA + "\n");
		Files.writeString(this.pemDir.resolve("client-cert"), CERT + "\n");
		Files.writeString(this.pemDir.resolve("client-key"), KEY + "\n");
	}

	private static Map<String, Object> jaasOptions(Map<String, Object> properties) {
		JaasContext jaas = JaasContext
			.loadClientContext(Map.of("sasl.jaas.config", new Password((String) properties.get("sasl.jaas.config"))));
		assertThat(jaas.configurationEntries()).hasSize(1);
		return new LinkedHashMap<>(jaas.configurationEntries().get(0).getOptions());
	}

	private static Map<String, Object> consumer(AssertableApplicationContext context, String instance) {
		return registry(context).getConsumingMappings()
			.stream()
			.filter((mapping) -> mapping.instance().equals(instance))
			.findFirst()
			.orElseThrow()
			.consumerProperties();
	}

	private static KafkaInstanceRegistry registry(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaInstanceRegistry.class);
	}

}
