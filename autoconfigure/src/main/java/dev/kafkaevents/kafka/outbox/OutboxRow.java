package dev.kafkaevents.kafka.outbox;

import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A pending row of the outbox, as the dispatcher reads it.
 *
 * @param id position of the row in the outbox
 * @param mappingId id of the publishing mapping that wrote it
 * @param topic Kafka topic
 * @param key record key, or {@code null}
 * @param value record value, or {@code null}
 * @param headers encoded record headers, the event id among them
 * @param attempts failed sends so far
 * @param createdAt when the row was written
 * @param nextAttemptAt when the row may be sent
 * @author kafka-events
 */
record OutboxRow(long id, String mappingId, String topic, byte @Nullable [] key, byte @Nullable [] value,
		byte[] headers, int attempts, Instant createdAt, Instant nextAttemptAt) {

	ProducerRecord<byte[], byte[]> toRecord() {
		return new ProducerRecord<>(this.topic, null, this.key, this.value, OutboxHeaders.decode(this.headers));
	}

	/**
	 * Return what identifies the row's record key for ordering, or {@code null} for a row
	 * without key, which keeps no order.
	 * @return the topic and key
	 */
	@Nullable OrderingKey orderingKey() {
		return (this.key != null) ? new OrderingKey(this.topic, java.util.HexFormat.of().formatHex(this.key)) : null;
	}

	/**
	 * A record key within its topic.
	 *
	 * @param topic Kafka topic
	 * @param key the key's bytes in hexadecimal
	 */
	record OrderingKey(String topic, String key) {

	}

}
