package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests that run both bridges of instances without {@code brokers} on Spring
 * Boot's Kafka connection to the in-JVM broker.
 *
 * @author kafka-events
 */
class KafkaConnectionDetailsIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.local";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.local";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KafkaAutoConfiguration.class,
				EventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class,
				KafkaEventsPublishingAutoConfiguration.class))
		.withUserConfiguration(CatalogHandlerConfiguration.class);

	@Test
	void bothBridgesRunOnSpringKafkaBootstrapServers() {
		assertRoundTrip(
				this.contextRunner.withSystemProperties("spring.kafka.bootstrap-servers=" + TestKafka.brokers()));
	}

	@Test
	void bothBridgesRunOnAConnectionDetailsBeanAsAServiceConnectionDefinesIt() {
		assertRoundTrip(this.contextRunner.withSystemProperties("spring.kafka.bootstrap-servers=")
			.withBean(KafkaConnectionDetails.class, () -> () -> List.of(TestKafka.brokers())));
	}

	private void assertRoundTrip(ApplicationContextRunner runner) {
		String in = TestKafka.createTopic("boot-in", 1);
		String out = TestKafka.createTopic("boot-out", 1);
		runner.withPropertyValues(bridges(in, out)).run((context) -> {
			assertThat(context).hasNotFailed();
			TestKafka.sendJson(in, 0, "{\"entityRef\":\"component:default/petstore\"}");
			CatalogEventsRecorder handler = context.getBean(CatalogEventsRecorder.class);
			await().atMost(TestKafka.timeout()).until(() -> handler.payloads.size() == 1);
			assertThat(handler.payloads.peek()).containsEntry("entityRef", "component:default/petstore");
			List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(out, 1);
			assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
				.isEqualTo("{\"entityRef\":\"component:default/petstore\"}");
		});
	}

	private static String[] bridges(String in, String out) {
		return new String[] { CONSUMING + ".clientId=boot-consumer", CONSUMING + ".topics[0].topic=catalog",
				CONSUMING + ".topics[0].kafka.topics=" + in,
				CONSUMING + ".topics[0].kafka.groupId=" + TestKafka.uniqueGroup("boot"),
				CONSUMING + ".topics[0].kafka.fromBeginning=true", PUBLISHING + ".clientId=boot-producer",
				PUBLISHING + ".topics[0].topic=catalog", PUBLISHING + ".topics[0].kafka.topic=" + out };
	}

	@Configuration(proxyBeanMethods = false)
	static class CatalogHandlerConfiguration {

		@Bean
		CatalogEventsRecorder catalogEventsRecorder() {
			return new CatalogEventsRecorder();
		}

	}

}
