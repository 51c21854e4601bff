package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.Idempotency;
import dev.kafkaevents.kafka.outbox.OutboxWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * The message id of a record of an idempotent mapping ({@code idempotencyKey},
 * {@code idempotencyKeyExpression}): the expression's value, else the named header's,
 * else the outbox's {@link OutboxWriter#EVENT_ID_HEADER event id header}, else
 * {@code kafka:<topic>/<partition>/<offset>} (the consumer group is the inbox row's
 * scope).
 *
 * @author kafka-events
 */
final class MessageIds {

	private final Idempotency idempotency;

	private final KafkaRecordEvents recordEvents;

	MessageIds(ConsumingMapping mapping, KafkaRecordEvents recordEvents) {
		this.idempotency = (mapping.idempotency() != null) ? mapping.idempotency() : Idempotency.DEFAULT;
		this.recordEvents = recordEvents;
	}

	/**
	 * Return the message id of a record.
	 * @param record the record
	 * @return the message id
	 */
	String of(ConsumerRecord<byte[], byte[]> record) {
		String id = null;
		if (this.idempotency.keyExpression() != null) {
			id = this.idempotency.keyExpression().key(this.recordEvents.toEvent(record));
		}
		if (id == null && this.idempotency.keyName() != null) {
			id = header(record, this.idempotency.keyName());
		}
		if (id == null) {
			id = header(record, OutboxWriter.EVENT_ID_HEADER);
		}
		return (id != null) ? id : "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
	}

	private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
