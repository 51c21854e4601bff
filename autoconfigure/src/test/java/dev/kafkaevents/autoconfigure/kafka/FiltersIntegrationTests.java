package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.actuate.metrics.KafkaEventsMeters;
import dev.kafkaevents.autoconfigure.actuate.metrics.KafkaEventsMetricsAutoConfiguration;
import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaEventFilter;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.producer.KafkaEventPublishingException;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridge;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import dev.kafkaevents.test.ConsumingBridgeAssignments;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the {@code filter} and {@code filterBean} of consuming and
 * publishing mappings, against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class FiltersIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
				KafkaEventsMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void consumingFilterDecidesWhichRecordsReachHandlersAndCommitsTheOthers() {
		String topic = TestKafka.createTopic("filter", 1);
		String group = TestKafka.uniqueGroup("filter");
		this.contextRunner.withPropertyValues(consuming(topic, group))
			.withPropertyValues(CONSUMING + ".topics[0].filter=value.itemId == 'a4f6j2' and record.partition == 0")
			.withBean(ItemHandler.class)
			.run((context) -> {
				KafkaConsumingBridge bridge = context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
				ConsumingBridgeAssignments.awaitAssignment(bridge);
				TestKafka.sendJson(topic, 0, "{\"itemId\":\"a4f6j2\",\"n\":1}");
				TestKafka.sendJson(topic, 0, "{\"itemId\":\"zzz\",\"n\":2}");
				TestKafka.sendJson(topic, 0, "{\"other\":3}");
				TestKafka.sendJson(topic, 0, "{\"itemId\":\"a4f6j2\",\"n\":4}");
				TestKafka.awaitCommittedOffset(group, topic, 0, 4);
				assertThat(context.getBean(ItemHandler.class).numbers).containsExactly(1, 4);
				assertThat(bridge.getFilteredCount()).isOne();
				assertThat(bridge.getFailedCount()).isOne();
				assertThat(bridge.getProcessedCount()).isEqualTo(3);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(KafkaEventsMeters.RECEIVED)
					.tag(KafkaEventsMeters.OUTCOME_TAG, "filtered")
					.counter()
					.count()).isOne();
				assertThat(registry.get(KafkaEventsMeters.RECEIVED)
					.tag(KafkaEventsMeters.OUTCOME_TAG, "success")
					.counter()
					.count()).isEqualTo(2);
			});
	}

	@Test
	void consumingFilterBeanSeesTheKafkaRecord() {
		String topic = TestKafka.createTopic("filter-bean", 1);
		String group = TestKafka.uniqueGroup("filter-bean");
		this.contextRunner.withPropertyValues(consuming(topic, group))
			.withPropertyValues(CONSUMING + ".topics[0].filterBean=evenOffsets")
			.withBean("evenOffsets", KafkaEventFilter.class,
					() -> (event) -> event.kafkaRecord() != null && event.kafkaRecord().offset() % 2 == 0)
			.withBean(ItemHandler.class)
			.run((context) -> {
				KafkaConsumingBridge bridge = context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
				ConsumingBridgeAssignments.awaitAssignment(bridge);
				for (int n = 0; n < 4; n++) {
					TestKafka.sendJson(topic, 0, "{\"n\":" + n + "}");
				}
				TestKafka.awaitCommittedOffset(group, topic, 0, 4);
				assertThat(context.getBean(ItemHandler.class).numbers).containsExactly(0, 2);
				assertThat(bridge.getFilteredCount()).isEqualTo(2);
			});
	}

	@Test
	void publishingFilterDecidesWhichEventsAreSent() {
		String topic = TestKafka.createTopic("filter-out", 1);
		this.contextRunner.withPropertyValues(publishing(topic))
			.withPropertyValues(PUBLISHING + ".topics[0].filter=headers['type'] == 'order' and value.total > 100")
			.run((context) -> {
				EventsService events = context.getBean(EventsService.class);
				events.publish(event("order", 50)).join();
				events.publish(event("refund", 500)).join();
				events.publish(event("order", 150)).join();
				EventParams withoutTotal = new EventParams("orders", Map.of("note", "no total"),
						EventMetadata.builder().add("type", "order").build());
				assertThatExceptionOfType(CompletionException.class)
					.isThrownBy(() -> events.publish(withoutTotal).join())
					.havingCause()
					.isInstanceOf(EventDeliveryException.class)
					.havingCause()
					.isInstanceOf(KafkaEventPublishingException.class)
					.withMessageContaining("dev.orders");
				assertThat(TestKafka.records(topic, 1)).singleElement()
					.satisfies((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
						.isEqualTo("{\"total\":150}"));
				assertThat(TestKafka.recordCount(topic)).isOne();
				KafkaPublishingBridge bridge = context.getBean(KafkaPublishingBridges.class).getBridges().get(0);
				assertThat(bridge.getFilteredCount()).isEqualTo(2);
				assertThat(bridge.getSentCount()).isOne();
				assertThat(bridge.getFailedCount()).isOne();
			});
	}

	private static EventParams event(String type, int total) {
		return new EventParams("orders", Map.of("total", total), EventMetadata.builder().add("type", type).build());
	}

	private static String[] consuming(String topic, String group) {
		String entry = CONSUMING + ".topics[0]";
		return new String[] { CONSUMING + ".clientId=filters", CONSUMING + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=items", entry + ".kafka.topics[0]=" + topic, entry + ".kafka.groupId=" + group,
				entry + ".kafka.fromBeginning=true" };
	}

	private static String[] publishing(String topic) {
		String entry = PUBLISHING + ".topics[0]";
		return new String[] { PUBLISHING + ".clientId=filters", PUBLISHING + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=orders", entry + ".kafka.topic=" + topic };
	}

	static class ItemHandler {

		final Queue<Integer> numbers = new ConcurrentLinkedQueue<>();

		@EventHandler("items")
		void on(Map<String, Object> item) {
			this.numbers.add((Integer) item.get("n"));
		}

	}

}
