package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaRecordEvents}.
 *
 * @author kafka-events
 */
class KafkaRecordEventsTests {

	private final KafkaRecordEvents recordEvents = new KafkaRecordEvents(new JsonMapper(), List.of("b:9092", "a:9092"));

	@Test
	void eventRecordsTheTopicAndClusterItCameFrom() {
		ConsumerRecord<byte[], byte[]> record = record("{\"a\":1}");
		record.headers().add("trace-id", bytes("id-123"));
		EventParams event = this.recordEvents.toEvent("events", record);
		assertThat(event.metadata().get("trace-id")).isEqualTo("id-123");
		assertThat(event.metadata().getAll(KafkaEventOrigin.METADATA_NAME)).containsExactly("a:9092,b:9092|orders");
	}

	@Test
	void originHeaderOfTheRecordIsReplaced() {
		ConsumerRecord<byte[], byte[]> record = record("1");
		record.headers().add("KAFKA-EVENTS-ORIGIN", bytes("forged|orders"));
		EventParams event = this.recordEvents.toEvent("events", record);
		assertThat(event.metadata().names()).containsExactly(KafkaEventOrigin.METADATA_NAME);
		assertThat(event.metadata().get(KafkaEventOrigin.METADATA_NAME)).isEqualTo("a:9092,b:9092|orders");
	}

	private static ConsumerRecord<byte[], byte[]> record(String json) {
		return new ConsumerRecord<>("orders", 0, 0, null, bytes(json));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
