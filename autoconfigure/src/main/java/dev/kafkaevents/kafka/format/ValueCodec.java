package dev.kafkaevents.kafka.format;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Reads record values into event payloads and writes payloads as record values, in one
 * {@link ValueFormat}.
 *
 * @author kafka-events
 */
public interface ValueCodec {

	/**
	 * Read a record value.
	 * @param value the value, or {@code null} for a tombstone
	 * @return the payload
	 * @throws InvalidRecordValueException if the value cannot be read in this format
	 */
	@Nullable Object read(byte @Nullable [] value);

	/**
	 * Write a payload as a record value.
	 * @param payload the payload
	 * @return the value, or {@code null} for a tombstone
	 * @throws IllegalArgumentException if the payload cannot be written in this format
	 */
	byte @Nullable [] write(@Nullable Object payload);

	/**
	 * Return the codec of a record format.
	 * @param format the format
	 * @param jsonMapper the mapper for JSON values and for converting application objects
	 * @return the codec
	 * @throws IllegalStateException if the format is Avro and Avro is not on the class
	 * path
	 */
	static ValueCodec of(RecordFormat format, JsonMapper jsonMapper) {
		return switch (format.value()) {
			case JSON -> new JsonValueCodec(jsonMapper, false);
			case JSON_OR_STRING -> new JsonValueCodec(jsonMapper, true);
			case STRING -> new TextValueCodec(jsonMapper);
			case BYTES -> new BytesValueCodec();
			case AVRO -> avro(format, jsonMapper);
		};
	}

	private static ValueCodec avro(RecordFormat format, JsonMapper jsonMapper) {
		if (!ClassUtils.isPresent("org.apache.avro.Schema", ValueCodec.class.getClassLoader())) {
			throw new IllegalStateException("The avro value format requires org.apache.avro:avro on the class path");
		}
		return new AvroValueCodec(AvroValueCodec.parseSchema(format.avroSchema()), jsonMapper);
	}

}
