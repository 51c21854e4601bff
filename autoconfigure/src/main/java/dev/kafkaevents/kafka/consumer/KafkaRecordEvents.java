package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.kafka.format.InvalidRecordValueException;
import dev.kafkaevents.kafka.format.ValueCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns the Kafka records of a consuming mapping into events: the value read once in the
 * mapping's format, the headers as metadata with repeated names kept, the record's origin
 * under {@link KafkaEventOrigin#METADATA_NAME} (replacing any header of that name), and
 * the record itself as the event's {@link KafkaRecord}.
 *
 * @author kafka-events
 */
final class KafkaRecordEvents {

	private final ConsumingMapping mapping;

	private final ValueCodec values;

	private final ToIntFunction<ConsumerRecord<?, ?>> deliveryAttempts;

	private final String cluster;

	private final Map<String, EventMetadata> originOnlyByTopic = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param mapping the mapping
	 * @param values the codec of the mapping's value format
	 * @param deliveryAttempts the delivery attempt of a record, from {@code 1}
	 */
	KafkaRecordEvents(ConsumingMapping mapping, ValueCodec values,
			ToIntFunction<ConsumerRecord<?, ?>> deliveryAttempts) {
		this.mapping = mapping;
		this.values = values;
		this.deliveryAttempts = deliveryAttempts;
		this.cluster = KafkaEventOrigin.cluster(mapping.brokers());
	}

	/**
	 * Convert a record.
	 * @param record the record
	 * @return the event for the mapping's events topic
	 * @throws InvalidRecordValueException if the value cannot be read in the mapping's
	 * format
	 */
	EventParams toEvent(ConsumerRecord<byte[], byte[]> record) {
		return new EventParams(this.mapping.eventsTopic(), this.values.read(record.value()), metadata(record),
				kafkaRecord(record));
	}

	int deliveryAttempt(ConsumerRecord<byte[], byte[]> record) {
		return this.deliveryAttempts.applyAsInt(record);
	}

	private KafkaRecord kafkaRecord(ConsumerRecord<byte[], byte[]> record) {
		return new KafkaRecord(this.mapping.instance(), this.mapping.id(), record.topic(), record.partition(),
				record.offset(), record.timestamp(), timestampType(record), record.key(), record.value(),
				this.deliveryAttempts.applyAsInt(record));
	}

	private static KafkaRecord.TimestampType timestampType(ConsumerRecord<?, ?> record) {
		return switch (record.timestampType()) {
			case CREATE_TIME -> KafkaRecord.TimestampType.CREATE_TIME;
			case LOG_APPEND_TIME -> KafkaRecord.TimestampType.LOG_APPEND_TIME;
			case NO_TIMESTAMP_TYPE -> KafkaRecord.TimestampType.NO_TIMESTAMP;
		};
	}

	private EventMetadata metadata(ConsumerRecord<byte[], byte[]> record) {
		EventMetadata originOnly = this.originOnlyByTopic.computeIfAbsent(record.topic(),
				(topic) -> EventMetadata.builder()
					.add(KafkaEventOrigin.METADATA_NAME, KafkaEventOrigin.of(this.cluster, topic))
					.build());
		Header[] headers = record.headers().toArray();
		if (headers.length == 0) {
			return originOnly;
		}
		EventMetadata.Builder metadata = EventMetadata.builder();
		for (Header header : headers) {
			byte[] value = header.value();
			if (!KafkaEventOrigin.isOriginName(header.key())) {
				metadata.add(header.key(), (value != null) ? new String(value, StandardCharsets.UTF_8) : null);
			}
		}
		return metadata.addAll(originOnly).build();
	}

}
