package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.test.TestCertificates;
import dev.kafkaevents.test.TestCertificates.Authority;
import dev.kafkaevents.test.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that secrets of the {@code events.modules.kafka} configuration stay out of
 * Actuator's {@code configprops} and {@code env} endpoints, even with
 * {@code show-values=always}, and out of the {@code toString()} of our types.
 *
 * @author kafka-events
 */
class KafkaEventsSecretsTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.out.";

	private static final String TOKEN_URL = "https://login.example.com/token";

	private static final List<String> SECRETS = List.of("sasl-password-value", "client-secret-value",
			"key-passphrase-value", "jaas-password-value", "key-password-value", "truststore-password-value");

	private static Issued client;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> new KafkaEventsEnvironmentPostProcessor((destination) -> destination.get())
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaEventsAutoConfiguration.class,
				EndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

	@BeforeAll
	static void createCertificatesAndAllowTheTokenEndpoint() {
		Authority authority = TestCertificates.authority("kafka-events secrets CA");
		client = authority.client("events-client");
		System.setProperty(SaslClientProperties.ALLOWED_TOKEN_URLS_PROPERTY, TOKEN_URL);
	}

	@AfterAll
	static void clearTheAllowedTokenEndpoint() {
		System.clearProperty(SaslClientProperties.ALLOWED_TOKEN_URLS_PROPERTY);
	}

	@Test
	void configpropsShowsOurSettingsButNotOurSecrets() {
		this.contextRunner.withPropertyValues(configuration()).run((context) -> {
			String report = JsonMapper.shared()
				.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
			assertThat(report).contains("sasl-user", "events-app", "ssl.truststore.type", "******");
			assertNoSecrets(report);
		});
	}

	@Test
	void envShowsOurSettingsButNotOurSecrets() {
		this.contextRunner.withPropertyValues(configuration()).run((context) -> {
			String report = JsonMapper.shared()
				.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
			assertThat(report).contains("sasl-user", "events-app", "******");
			assertNoSecrets(report);
		});
	}

	@Test
	void aUserDefinedFunctionOfTheSameNameReplacesOurs() {
		this.contextRunner.withPropertyValues(configuration())
			.withBean("kafkaEventsSanitizingFunction", SanitizingFunction.class, () -> (data) -> data)
			.run((context) -> {
				String report = JsonMapper.shared()
					.writeValueAsString(
							context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				assertThat(report).contains("sasl-password-value");
			});
	}

	@Test
	void theSanitizingFunctionBacksOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("kafkaEventsSanitizingFunction"));
	}

	@Test
	void toStringOfPropertiesRegistryAndMappingsHoldsNoSecrets() {
		this.contextRunner.withPropertyValues(configuration()).run((context) -> {
			KafkaEventsProperties properties = context.getBean(KafkaEventsProperties.class);
			KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
			List<Object> objects = new ArrayList<>(List.of(properties, registry));
			properties.getKafkaConsumingEventPublisher().values().forEach((instance) -> {
				objects.add(instance);
				objects.add(instance.getSsl());
				objects.add(instance.getSasl());
			});
			properties.getKafkaPublishingEventConsumer().values().forEach((instance) -> {
				objects.add(instance);
				objects.add(instance.getSsl());
				objects.add(instance.getSasl());
			});
			objects.addAll(registry.getConsumingMappings());
			objects.addAll(registry.getPublishingMappings());
			assertThat(objects).hasSize(10);
			for (Object object : objects) {
				assertNoSecrets(object.toString());
			}
			assertThat(properties.getKafkaConsumingEventPublisher().get("dev").getSasl())
				.hasToString("Sasl[mechanism=SCRAM_SHA_512, username=sasl-user, password=******, clientId=null, "
						+ "clientSecret=null, scope=null, tokenEndpointUrl=null]");
			assertThat(properties.getKafkaConsumingEventPublisher().get("dev").getSsl())
				.hasToString("Ssl[enabled=true, ca=0 certificate(s), cert=(set), key=******, passphrase=******, "
						+ "rejectUnauthorized=null, bundle=null]");
		});
	}

	private static void assertNoSecrets(String text) {
		assertThat(text).doesNotContain(SECRETS).doesNotContain("PRIVATE KEY");
	}

	private static String[] configuration() {
		return new String[] { CONSUMING + "clientId=dev-client", CONSUMING + "brokers[0]=localhost:9093",
				CONSUMING + "topics[0].topic=in.events", CONSUMING + "topics[0].kafka.topics[0]=in",
				CONSUMING + "topics[0].kafka.groupId=in-group", CONSUMING + "sasl.mechanism=scram-sha-512",
				CONSUMING + "sasl.username=sasl-user", CONSUMING + "sasl.password=sasl-password-value",
				CONSUMING + "ssl.cert=" + client.certificatePem(),
				CONSUMING + "ssl.key=" + client.encryptedPrivateKeyPem("key-passphrase-value"),
				CONSUMING + "ssl.passphrase=key-passphrase-value",
				CONSUMING + "properties[ssl.truststore.password]=truststore-password-value",
				CONSUMING + "topics[0].kafka.properties[ssl.key.password]=key-password-value",
				PUBLISHING + "clientId=out-client", PUBLISHING + "brokers[0]=localhost:9093",
				PUBLISHING + "topics[0].topic=out.events", PUBLISHING + "topics[0].kafka.topic=out",
				PUBLISHING + "ssl=true", PUBLISHING + "sasl.mechanism=oauthbearer",
				PUBLISHING + "sasl.clientId=events-app", PUBLISHING + "sasl.client-secret=client-secret-value",
				PUBLISHING + "sasl.tokenEndpointUrl=" + TOKEN_URL,
				PUBLISHING + "properties[ssl.truststore.type]=PKCS12", PUBLISHING
						+ "topics[0].kafka.properties[sasl.jaas.config]=x required password=\"jaas-password-value\";" };
	}

}
