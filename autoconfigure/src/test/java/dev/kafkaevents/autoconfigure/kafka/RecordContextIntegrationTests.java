package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.ConsumingBridgeAssignments;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the {@link KafkaRecord} of consumed events, against the in-JVM
 * KRaft broker.
 *
 * @author kafka-events
 */
class RecordContextIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class));

	@Test
	void handlerReceivesTheKafkaRecordOfItsEvent() {
		String topic = TestKafka.createTopic("context", 2);
		this.contextRunner.withPropertyValues(mapping(topic)).withBean(ContextHandler.class).run((context) -> {
			ConsumingBridgeAssignments
				.awaitAssignment(context.getBean(KafkaConsumingBridges.class).getBridges().get(0));
			byte[] value = "{\"id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 1, 1_650_000_000_123L,
					"order-7".getBytes(StandardCharsets.UTF_8), value,
					List.of(new RecordHeader("type", "created".getBytes(StandardCharsets.UTF_8))));
			RecordMetadata sent = TestKafka.send(record);
			ContextHandler handler = context.getBean(ContextHandler.class);
			await().atMost(TestKafka.timeout()).until(() -> handler.records.size() == 1);
			KafkaRecord received = handler.records.peek();
			assertThat(received.instance()).isEqualTo("dev");
			assertThat(received.mapping()).isEqualTo("dev.orders");
			assertThat(received.topic()).isEqualTo(topic);
			assertThat(received.partition()).isEqualTo(1);
			assertThat(received.offset()).isEqualTo(sent.offset());
			assertThat(received.timestamp()).isEqualTo(1_650_000_000_123L);
			assertThat(received.time()).isEqualTo(Instant.ofEpochMilli(1_650_000_000_123L));
			assertThat(received.timestampType()).isEqualTo(KafkaRecord.TimestampType.CREATE_TIME);
			assertThat(received.key()).isEqualTo("order-7");
			assertThat(received.keyBytes()).isEqualTo("order-7".getBytes(StandardCharsets.UTF_8));
			assertThat(received.valueBytes()).isEqualTo(value);
			assertThat(received.valueText()).isEqualTo("{\"id\":\"o-1\"}");
			assertThat(received.deliveryAttempt()).isEqualTo(1);
			assertThat(handler.payloads).containsExactly(Map.of("id", "o-1"));
			assertThat(handler.metadata.peek().get("type")).isEqualTo("created");
		});
	}

	@Test
	void retriedRecordCarriesItsDeliveryAttempt() {
		String topic = TestKafka.createTopic("context-retry", 1);
		this.contextRunner.withPropertyValues(mapping(topic))
			.withPropertyValues(CONSUMING + ".topics[0].retry.attempts=3",
					CONSUMING + ".topics[0].retry.initialInterval=10ms")
			.withBean(FailingTwiceHandler.class)
			.run((context) -> {
				ConsumingBridgeAssignments
					.awaitAssignment(context.getBean(KafkaConsumingBridges.class).getBridges().get(0));
				TestKafka.sendJson(topic, 0, "{\"id\":\"o-2\"}");
				FailingTwiceHandler handler = context.getBean(FailingTwiceHandler.class);
				await().atMost(TestKafka.timeout()).until(() -> handler.attempts.size() == 3);
				assertThat(handler.attempts).containsExactly(1, 2, 3);
			});
	}

	private static String[] mapping(String topic) {
		String entry = CONSUMING + ".topics[0]";
		return new String[] { CONSUMING + ".clientId=context", CONSUMING + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=orders", entry + ".kafka.topics[0]=" + topic,
				entry + ".kafka.groupId=" + TestKafka.uniqueGroup("context"), entry + ".kafka.fromBeginning=true" };
	}

	static class ContextHandler {

		final Queue<KafkaRecord> records = new ConcurrentLinkedQueue<>();

		final Queue<Map<String, Object>> payloads = new ConcurrentLinkedQueue<>();

		final Queue<EventMetadata> metadata = new ConcurrentLinkedQueue<>();

		@EventHandler("orders")
		void on(Map<String, Object> payload, EventMetadata metadata, KafkaRecord record) {
			this.payloads.add(payload);
			this.metadata.add(metadata);
			this.records.add(record);
		}

	}

	static class FailingTwiceHandler {

		final Queue<Integer> attempts = new ConcurrentLinkedQueue<>();

		@EventHandler("orders")
		void on(Map<String, Object> payload, KafkaRecord record) {
			this.attempts.add(record.deliveryAttempt());
			if (record.deliveryAttempt() < 3) {
				throw new IllegalStateException("attempt " + record.deliveryAttempt() + " fails");
			}
		}

	}

}
