package dev.kafkaevents.kafka.format;

/**
 * How the value of a Kafka record is read into an event payload, and how a payload is
 * written as a record value.
 *
 * @author kafka-events
 */
public enum ValueFormat {

	/**
	 * UTF-8 JSON, read as maps, lists and scalars (Backstage's format, the default).
	 */
	JSON,

	/**
	 * UTF-8 JSON when the value parses as JSON, else the value as text.
	 */
	JSON_OR_STRING,

	/**
	 * UTF-8 text.
	 */
	STRING,

	/**
	 * The bytes of the value as they are.
	 */
	BYTES,

	/**
	 * Binary Avro of a schema given in the configuration, read as maps, lists and
	 * scalars.
	 */
	AVRO

}
