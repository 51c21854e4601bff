package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.kafka.format.RecordFormat;
import dev.kafkaevents.kafka.format.ValueCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaRecordEvents}.
 *
 * @author kafka-events
 */
class KafkaRecordEventsTests {

	private static final ConsumingMapping MAPPING = new ConsumingMapping("dev.events", "dev", "client",
			List.of("b:9092", "a:9092"), "events", List.of("orders"), "group", null, true, false, 1, HandlerRetry.NONE,
			null, Map.of());

	private final KafkaRecordEvents recordEvents = new KafkaRecordEvents(MAPPING,
			ValueCodec.of(RecordFormat.DEFAULT, new JsonMapper()), (record) -> 3);

	@Test
	void eventRecordsTheTopicAndClusterItCameFrom() {
		ConsumerRecord<byte[], byte[]> record = record("{\"a\":1}");
		record.headers().add("trace-id", bytes("id-123"));
		EventParams event = this.recordEvents.toEvent(record);
		assertThat(event.topic()).isEqualTo("events");
		assertThat(event.metadata().get("trace-id")).isEqualTo("id-123");
		assertThat(event.metadata().getAll(KafkaEventOrigin.METADATA_NAME)).containsExactly("a:9092,b:9092|orders");
	}

	@Test
	void originHeaderOfTheRecordIsReplaced() {
		ConsumerRecord<byte[], byte[]> record = record("1");
		record.headers().add("KAFKA-EVENTS-ORIGIN", bytes("forged|orders"));
		EventParams event = this.recordEvents.toEvent(record);
		assertThat(event.metadata().names()).containsExactly(KafkaEventOrigin.METADATA_NAME);
		assertThat(event.metadata().get(KafkaEventOrigin.METADATA_NAME)).isEqualTo("a:9092,b:9092|orders");
	}

	@Test
	void eventCarriesItsKafkaRecord() {
		byte[] key = bytes("order-7");
		byte[] value = bytes("{\"a\":1}");
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 2, 41L, 1_700_000_000_000L,
				TimestampType.LOG_APPEND_TIME, key.length, value.length, key, value, new RecordHeaders(),
				Optional.empty());
		KafkaRecord kafkaRecord = this.recordEvents.toEvent(record).kafkaRecord();
		assertThat(kafkaRecord).isNotNull();
		assertThat(kafkaRecord.instance()).isEqualTo("dev");
		assertThat(kafkaRecord.mapping()).isEqualTo("dev.events");
		assertThat(kafkaRecord.coordinates()).isEqualTo("orders-2@41");
		assertThat(kafkaRecord.timestamp()).isEqualTo(1_700_000_000_000L);
		assertThat(kafkaRecord.timestampType()).isEqualTo(KafkaRecord.TimestampType.LOG_APPEND_TIME);
		assertThat(kafkaRecord.key()).isEqualTo("order-7");
		assertThat(kafkaRecord.keyBytes()).isSameAs(key);
		assertThat(kafkaRecord.valueBytes()).isSameAs(value);
		assertThat(kafkaRecord.deliveryAttempt()).isEqualTo(3);
	}

	@Test
	void recordWithoutTimestampHasNoTime() {
		ConsumerRecord<byte[], byte[]> record = record("1");
		KafkaRecord kafkaRecord = this.recordEvents.toEvent(record).kafkaRecord();
		assertThat(kafkaRecord).isNotNull();
		assertThat(kafkaRecord.timestampType()).isEqualTo(KafkaRecord.TimestampType.NO_TIMESTAMP);
		assertThat(kafkaRecord.time()).isNull();
		assertThat(kafkaRecord.key()).isNull();
	}

	private static ConsumerRecord<byte[], byte[]> record(String json) {
		return new ConsumerRecord<>("orders", 0, 0, null, bytes(json));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
