package dev.kafkaevents.kafka.format;

/**
 * How the key of a Kafka record is seen by filters and given to a record by a publishing
 * mapping.
 *
 * @author kafka-events
 */
public enum KeyFormat {

	/**
	 * UTF-8 text (the default).
	 */
	STRING,

	/**
	 * Bytes: a filter sees the key as a {@code byte[]}, and a publishing mapping decodes
	 * the key it takes from the event as Base64.
	 */
	BYTES

}
