package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Kafka records into events: the value parsed once as UTF-8 JSON, the headers as
 * metadata with repeated names kept, and the record's origin under
 * {@link KafkaEventOrigin#METADATA_NAME} (replacing any header of that name).
 *
 * @author kafka-events
 */
final class KafkaRecordEvents {

	private final ObjectReader reader;

	private final String cluster;

	private final Map<String, EventMetadata> originOnlyByTopic = new ConcurrentHashMap<>();

	KafkaRecordEvents(JsonMapper jsonMapper, List<String> brokers) {
		this.reader = jsonMapper.readerFor(Object.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.cluster = KafkaEventOrigin.cluster(brokers);
	}

	/**
	 * Convert a record.
	 * @param eventsTopic the events topic to publish to
	 * @param record the record
	 * @return the event
	 * @throws InvalidRecordValueException if the value is absent, empty or not JSON
	 */
	EventParams toEvent(String eventsTopic, ConsumerRecord<byte[], byte[]> record) {
		return new EventParams(eventsTopic, payload(record), metadata(record));
	}

	private Object payload(ConsumerRecord<byte[], byte[]> record) {
		byte[] value = record.value();
		if (value == null) {
			throw new InvalidRecordValueException("The record has no value (a tombstone); a JSON value is required");
		}
		if (value.length == 0) {
			throw new InvalidRecordValueException("The record value is empty; a JSON value is required");
		}
		try {
			return this.reader.readValue(value);
		}
		catch (JacksonException ex) {
			throw new InvalidRecordValueException(
					"The record value is not valid UTF-8 JSON: " + ex.getOriginalMessage(), ex);
		}
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

	/**
	 * Thrown when a record's value cannot become an event payload.
	 */
	static class InvalidRecordValueException extends RuntimeException {

		InvalidRecordValueException(String message) {
			super(message);
		}

		InvalidRecordValueException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
