package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that run a real {@link SpringApplication}, so that the environment post-processor
 * and the failure analyzer are found through {@code spring.factories}.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaEventsApplicationTests {

	private static final String PASSWORD = "Never-Print-Me-4711";

	@Test
	void yamlWithAProfileBindsThroughThePostProcessorAndStartsDespiteUnreachableBrokers(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--spring.config.name=backstage",
				"--spring.profiles.active=legacy")) {
			KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
			assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("production"))
				.contains(entry("bootstrap.servers", "localhost:1"), entry("request.timeout.ms", 2000));
			assertThat(registry.getPublishingMappings().get(0).producerProperties())
				.containsEntry("transaction.timeout.ms", 30000);
			ConsumingMapping legacy = registry.findConsumingMapping("default.legacy.events").orElseThrow();
			assertThat(legacy.consumerProperties()).contains(entry("client.id", "legacy-client"),
					entry("session.timeout.ms", 20000), entry("heartbeat.interval.ms", 5000));
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains("Legacy single config format")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(" WARN ")
			.endsWith("Legacy single config format detected at events.modules.kafka.kafkaConsumingEventPublisher.");
	}

	@Test
	void invalidConfigurationIsExplainedByTheFailureAnalyzer(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.config.name=missing-group-id"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Kafka events configuration is invalid:")
			.contains("    events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[0].kafka.groupId: "
					+ "Missing required config value.")
			.contains("Update your application's configuration:")
			.contains("    Set events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[0].kafka.groupId "
					+ "to the consumer group id.");
	}

	@Test
	void unknownSaslMechanismIsExplainedByBootsBindFailureAnalyzerWithoutThePassword(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.config.name=unknown-mechanism"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Failed to bind properties under "
					+ "'events.modules.kafka.kafkaconsumingeventpublisher.dev.sasl.mechanism'")
			.contains("Value: \"gssapi\"")
			.contains("Origin: class path resource [application-tests/unknown-mechanism.yaml] - 9:24")
			.contains("The following values are valid:")
			.contains("PLAIN")
			.contains("SCRAM_SHA_256")
			.contains("SCRAM_SHA_512")
			.contains("OAUTHBEARER")
			.doesNotContain(PASSWORD);
	}

	@Test
	void unreadableDurationFailsInThePostProcessorAndIsExplainedByTheFailureAnalyzer(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.config.name=unreadable-duration"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("    events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[0].kafka.sessionTimeout: "
					+ "Invalid duration 'half a minute': it is not a duration.")
			.contains("    Set events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[0].kafka.sessionTimeout "
					+ "to an ISO-8601 duration such as PT30S");
	}

	@Test
	void legacyPublishingFormFailsInThePostProcessorAndIsExplainedByTheFailureAnalyzer(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--spring.config.name=legacy-publishing"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("    events.modules.kafka.kafkaPublishingEventConsumer.clientId: "
					+ "kafkaPublishingEventConsumer takes named instances only")
			.contains("    Move clientId, brokers and topics under "
					+ "events.modules.kafka.kafkaPublishingEventConsumer.<instance>");
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(KafkaEventsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] arguments = new String[args.length + 1];
		arguments[0] = "--spring.config.location=classpath:/application-tests/";
		System.arraycopy(args, 0, arguments, 1, args.length);
		return application.run(arguments);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(KafkaEventsAutoConfiguration.class)
	static class KafkaEventsApplication {

	}

}
