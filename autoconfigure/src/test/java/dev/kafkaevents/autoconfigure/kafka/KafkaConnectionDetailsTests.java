package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that instances without {@code brokers} use Spring Boot's
 * {@link KafkaConnectionDetails}, and that instances with brokers never do. The embedded
 * test broker sets {@code spring.kafka.bootstrap-servers} as a system property, which
 * these tests clear.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaConnectionDetailsTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaEventsAutoConfiguration.class))
		.withSystemProperties("spring.kafka.bootstrap-servers=")
		.withPropertyValues(CONSUMING + ".clientId=consumer", CONSUMING + ".topics[0].topic=catalog",
				CONSUMING + ".topics[0].kafka.topics=catalog-in", CONSUMING + ".topics[0].kafka.groupId=group",
				PUBLISHING + ".clientId=producer", PUBLISHING + ".topics[0].topic=catalog",
				PUBLISHING + ".topics[0].kafka.topic=catalog-out");

	@Test
	void instancesWithoutBrokersUseSpringKafkaBootstrapServersAndSaySo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.kafka.bootstrap-servers=kafka-a:9092,kafka-b:9092")
			.run((context) -> {
				KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
				ConsumingMapping consuming = registry.getConsumingMappings().get(0);
				assertThat(consuming.brokers()).containsExactly("kafka-a:9092", "kafka-b:9092");
				assertThat(consuming.consumerProperties()).containsEntry("bootstrap.servers",
						"kafka-a:9092,kafka-b:9092");
				PublishingMapping publishing = registry.getPublishingMappings().get(0);
				assertThat(publishing.brokers()).containsExactly("kafka-a:9092", "kafka-b:9092");
				assertThat(publishing.producerProperties()).containsEntry("bootstrap.servers",
						"kafka-a:9092,kafka-b:9092");
				assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("dev"))
					.containsEntry("bootstrap.servers", "kafka-a:9092,kafka-b:9092");
			});
		assertThat(output).contains(" INFO ")
			.contains("Kafka events instance " + CONSUMING + " sets no brokers: using Spring Boot's Kafka "
					+ "connection [kafka-a:9092, kafka-b:9092] from spring.kafka.bootstrap-servers")
			.contains("Kafka events instance " + PUBLISHING + " sets no brokers: using Spring Boot's Kafka "
					+ "connection [kafka-a:9092, kafka-b:9092] from spring.kafka.bootstrap-servers");
	}

	@Test
	void instancesWithBrokersNeverUseSpringBootsConnection(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=boot:9092", "spring.kafka.security.protocol=SSL",
					CONSUMING + ".brokers=own-consumer:9092", PUBLISHING + ".brokers=own-producer:9092")
			.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.run((context) -> {
				KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
				assertThat(registry.getConsumingMappings().get(0).consumerProperties())
					.containsEntry("bootstrap.servers", "own-consumer:9092")
					.doesNotContainKey("security.protocol");
				assertThat(registry.getPublishingMappings().get(0).producerProperties())
					.containsEntry("bootstrap.servers", "own-producer:9092")
					.doesNotContainKey("security.protocol");
			});
		assertThat(output).doesNotContain("sets no brokers");
	}

	@Test
	void withoutBootstrapServersSpringBootsDefaultIsNotUsedAndBothWaysToFixItAreNamed() {
		this.contextRunner.run(failsWithMissingBrokers(CONSUMING, PUBLISHING));
	}

	@Test
	void withoutSpringBootKafkaBrokersAreRequiredAndBothWaysToFixItAreNamed() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader(KafkaConnectionDetails.class))
			.withConfiguration(AutoConfigurations.of(KafkaEventsAutoConfiguration.class))
			.withPropertyValues("spring.kafka.bootstrap-servers=ignored:9092", CONSUMING + ".clientId=consumer",
					CONSUMING + ".topics[0].topic=catalog", CONSUMING + ".topics[0].kafka.topics=catalog-in",
					CONSUMING + ".topics[0].kafka.groupId=group");
		runner.withPropertyValues(CONSUMING + ".brokers=own:9092")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BootKafkaConnections.class));
		runner.run(failsWithMissingBrokers(CONSUMING));
	}

	@Test
	void clientSpecificBootstrapServersApplyToTheirSideOnly() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.bootstrap-servers=consumers:9092")
			.run(failsWithMissingBrokers(PUBLISHING));
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=all:9092",
					"spring.kafka.producer.bootstrap-servers=producers:9092")
			.run((context) -> {
				KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
				assertThat(registry.getConsumingMappings().get(0).brokers()).containsExactly("all:9092");
				assertThat(registry.getPublishingMappings().get(0).brokers()).containsExactly("producers:9092");
			});
	}

	@Test
	void connectionDetailsBeanSuchAsAServiceConnectionIsUsedWithItsSecurity(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class).run((context) -> {
			KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
			assertThat(registry.getConsumingMappings().get(0).consumerProperties()).contains(
					entry("bootstrap.servers", "container:9093"), entry("security.protocol", "SSL"),
					entry("ssl.engine.factory.class", SslBundleEngineFactory.class),
					entry(SslBundle.class.getName(), ConnectionDetailsConfiguration.BUNDLE));
			assertThat(registry.getPublishingMappings().get(0).producerProperties())
				.containsEntry("bootstrap.servers", "container:9093")
				.containsEntry("security.protocol", "SSL");
		});
		assertThat(output).contains("Kafka events instance " + CONSUMING + " sets no brokers: using Spring Boot's "
				+ "Kafka connection [container:9093] from a KafkaConnectionDetails bean (TestConnectionDetails)");
	}

	@Test
	void instanceOwnSecurityWinsOverTheSecurityOfSpringBootsConnection() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues(CONSUMING + ".sasl.mechanism=plain", CONSUMING + ".sasl.username=user",
					CONSUMING + ".sasl.password=secret")
			.run((context) -> assertThat(
					context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).consumerProperties())
				.containsEntry("bootstrap.servers", "container:9093")
				.containsEntry("security.protocol", "SASL_PLAINTEXT")
				.doesNotContainKey(SslBundle.class.getName()));
	}

	@Test
	void mappingThatWouldEchoThroughSpringBootsConnectionIsRefused() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=kafka:9092",
					PUBLISHING + ".topics[0].kafka.topic=catalog-in")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
					.hasMessageContaining(PUBLISHING + ".topics[0].kafka.topic")
					.hasMessageContaining("on the same cluster (kafka:9092)");
			});
	}

	private static ContextConsumer<AssertableApplicationContext> failsWithMissingBrokers(String... paths) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidKafkaEventsConfigurationException.class);
			InvalidKafkaEventsConfigurationException failure = (InvalidKafkaEventsConfigurationException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure());
			List<Problem> problems = failure.getProblems();
			assertThat(problems).extracting(Problem::property)
				.containsExactly(List.of(paths).stream().map((path) -> path + ".brokers").toArray(String[]::new));
			for (String path : paths) {
				assertThat(problems).filteredOn((problem) -> problem.property().equals(path + ".brokers"))
					.singleElement()
					.satisfies((problem) -> {
						assertThat(problem.description()).isEqualTo("Missing required config value.");
						assertThat(problem.action()).isEqualTo("Set " + path
								+ ".brokers to the bootstrap brokers as host:port, or set spring.kafka.bootstrap-servers "
								+ "to use Spring Boot's Kafka connection for every instance without brokers.");
					});
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		static final SslBundle BUNDLE = SslBundle.of(SslStoreBundle.NONE);

		@Bean
		KafkaConnectionDetails kafkaConnectionDetails() {
			return new TestConnectionDetails();
		}

	}

	static class TestConnectionDetails implements KafkaConnectionDetails {

		@Override
		public List<String> getBootstrapServers() {
			return List.of("container:9093");
		}

		@Override
		public @Nullable String getSecurityProtocol() {
			return "SSL";
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return ConnectionDetailsConfiguration.BUNDLE;
		}

	}

}
