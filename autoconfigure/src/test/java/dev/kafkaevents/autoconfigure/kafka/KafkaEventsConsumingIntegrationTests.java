package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.RecordingSubscriber;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the consuming bridges that {@link KafkaEventsAutoConfiguration}
 * creates from {@code kafkaConsumingEventPublisher} instances, against the in-JVM KRaft
 * broker.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaEventsConsumingIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	private static final String EVENTS_TOPIC = "test.events";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class));

	@Test
	void twoMappingsOfOneInstanceAndTwoInstancesConsumeIndependently() {
		String first = TestKafka.createTopic("first", 1);
		String second = TestKafka.createTopic("second", 1);
		String third = TestKafka.createTopic("third", 1);
		this.contextRunner.withPropertyValues(mapping("one", first, TestKafka.uniqueGroup("a"), 0))
			.withPropertyValues(mapping("one", second, TestKafka.uniqueGroup("b"), 1))
			.withPropertyValues(mapping("two", third, TestKafka.uniqueGroup("c"), 0))
			.run((context) -> {
				RecordingSubscriber handler = new RecordingSubscriber();
				context.getBean(EventsService.class).subscribe("recording", List.of(EVENTS_TOPIC), handler);
				KafkaConsumingBridges bridges = context.getBean(KafkaConsumingBridges.class);
				assertThat(bridges.getBridges()).extracting((bridge) -> bridge.getMapping().id())
					.containsExactly("one.test.events", "one.test.events.2", "two.test.events");
				await().atMost(TestKafka.timeout())
					.until(() -> bridges.getBridges()
						.stream()
						.allMatch((bridge) -> !bridge.getContainer().getAssignedPartitions().isEmpty()));
				TestKafka.sendJson(first, 0, "{\"n\":1}");
				TestKafka.sendJson(second, 0, "{\"n\":2}");
				TestKafka.sendJson(third, 0, "{\"n\":3}");
				await().atMost(TestKafka.timeout())
					.until(() -> handler.numbers().stream().sorted().toList().equals(List.of(1, 2, 3)));
			});
	}

	@Test
	void unreachableBrokersDoNotFailStartup(CapturedOutput output) {
		String entry = CONSUMING + "dev.topics[0].";
		this.contextRunner
			.withPropertyValues(CONSUMING + "dev.clientId=test", CONSUMING + "dev.brokers[0]=localhost:1",
					entry + "topic=" + EVENTS_TOPIC, entry + "kafka.topics[0]=nowhere", entry + "kafka.groupId=nowhere")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(KafkaConsumingBridges.class).getBridges().get(0).isRunning()).isTrue();
				await().atMost(TestKafka.timeout())
					.until(() -> output.toString()
						.contains("Kafka events mapping 'dev.test.events' (instance 'dev'): no partitions assigned")
							&& output.toString().contains("brokers [localhost:1] may be unreachable"));
			});
	}

	private static String[] mapping(String instance, String topic, String group, int index) {
		String prefix = CONSUMING + instance;
		String entry = prefix + ".topics[" + index + "]";
		return new String[] { prefix + ".clientId=test-" + instance, prefix + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=" + EVENTS_TOPIC, entry + ".kafka.topics[0]=" + topic,
				entry + ".kafka.groupId=" + group, entry + ".kafka.fromBeginning=true" };
	}

}
