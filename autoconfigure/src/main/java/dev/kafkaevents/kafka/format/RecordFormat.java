package dev.kafkaevents.kafka.format;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The formats of the values and keys of the records of one mapping.
 *
 * @param value the value format
 * @param key the key format
 * @param avroSchema the Avro schema as JSON text, required by {@link ValueFormat#AVRO}
 * and ignored by the other formats
 * @author kafka-events
 */
public record RecordFormat(ValueFormat value, KeyFormat key, @Nullable String avroSchema) {

	/**
	 * JSON values and text keys, the default.
	 */
	public static final RecordFormat DEFAULT = new RecordFormat(ValueFormat.JSON, KeyFormat.STRING, null);

	/**
	 * Create a new instance, checking that an Avro format has a schema.
	 * @param value the value format
	 * @param key the key format
	 * @param avroSchema the Avro schema
	 */
	public RecordFormat {
		Assert.notNull(value, "'value' must not be null");
		Assert.notNull(key, "'key' must not be null");
		Assert.isTrue(value != ValueFormat.AVRO || avroSchema != null, "The avro format requires a schema");
	}

	@Override
	public String toString() {
		return "RecordFormat[value=" + this.value + ", key=" + this.key + "]";
	}

}
