package dev.kafkaevents.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsPropertiesValidator}.
 *
 * @author kafka-events
 */
class KafkaEventsPropertiesValidatorTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	@Test
	void publishingIntoAKafkaTopicConsumedIntoTheSameEventsTopicOnTheSameClusterIsAProblem() {
		Map<String, String> properties = new LinkedHashMap<>();
		publishing(properties, "out", "catalog", "catalog-topic", "b:9092", "a:9092");
		consuming(properties, "in", "catalog", List.of("audit-topic", "catalog-topic"), "A:9092", "b:9092");
		List<Problem> problems = echoes(bind(properties));
		assertThat(problems).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo(PUBLISHING + "out.topics[0].kafka.topic");
			assertThat(problem.description()).contains(CONSUMING + "in.topics[0].kafka.topics[1]")
				.contains("'catalog'")
				.contains("'catalog-topic'")
				.contains("a:9092,b:9092");
			assertThat(problem.action()).contains(PUBLISHING + "out.topics[0].kafka.topic")
				.contains(CONSUMING + "in.topics[0]");
		});
	}

	@Test
	void anotherClusterAnotherEventsTopicOrAnotherKafkaTopicIsNoProblem() {
		Map<String, String> properties = new LinkedHashMap<>();
		publishing(properties, "out", "catalog", "catalog-topic", "a:9092");
		consuming(properties, "elsewhere", "catalog", List.of("catalog-topic"), "a:9092", "b:9092");
		consuming(properties, "other-events", "audit", List.of("catalog-topic"), "a:9092");
		consuming(properties, "other-topic", "catalog", List.of("audit-topic"), "a:9092");
		assertThat(echoes(bind(properties))).isEmpty();
	}

	@Test
	void incompleteMappingsAreLeftToTheOtherChecks() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(PUBLISHING + "out.topics[0].topic", "catalog");
		properties.put(CONSUMING + "in.topics[0].topic", "catalog");
		assertThat(echoes(bind(properties))).isEmpty();
	}

	private static void publishing(Map<String, String> properties, String instance, String eventsTopic,
			String kafkaTopic, String... brokers) {
		brokers(properties, PUBLISHING + instance, brokers);
		properties.put(PUBLISHING + instance + ".topics[0].topic", eventsTopic);
		properties.put(PUBLISHING + instance + ".topics[0].kafka.topic", kafkaTopic);
	}

	private static void consuming(Map<String, String> properties, String instance, String eventsTopic,
			List<String> kafkaTopics, String... brokers) {
		brokers(properties, CONSUMING + instance, brokers);
		properties.put(CONSUMING + instance + ".topics[0].topic", eventsTopic);
		for (int i = 0; i < kafkaTopics.size(); i++) {
			properties.put(CONSUMING + instance + ".topics[0].kafka.topics[" + i + "]", kafkaTopics.get(i));
		}
	}

	private static void brokers(Map<String, String> properties, String prefix, String... brokers) {
		for (int i = 0; i < brokers.length; i++) {
			properties.put(prefix + ".brokers[" + i + "]", brokers[i]);
		}
	}

	private static List<Problem> echoes(KafkaEventsProperties properties) {
		return new KafkaEventsPropertiesValidator(BootKafkaConnections.NONE).echoes(properties);
	}

	private static KafkaEventsProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("events.modules.kafka",
				KafkaEventsProperties.class);
	}

}
