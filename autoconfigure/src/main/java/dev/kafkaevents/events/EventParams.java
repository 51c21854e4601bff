package dev.kafkaevents.events;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One event: the topic it is published to, its payload and its metadata.
 *
 * @param topic the topic, matched exactly against subscriptions
 * @param eventPayload the payload, typically a JSON-like value (map, list, string,
 * number, boolean, {@code JsonNode}) or an application object
 * @param metadata the metadata, such as the headers of a Kafka record
 * @param kafkaRecord the Kafka record a consumed event came from, or {@code null} for an
 * event published in the application
 */
public record EventParams(String topic, @Nullable Object eventPayload, EventMetadata metadata,
		@Nullable KafkaRecord kafkaRecord) {

	/**
	 * Create a new instance, checking that the topic has text and metadata is present.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @param metadata the metadata
	 * @param kafkaRecord the Kafka record the event came from, or {@code null}
	 */
	public EventParams {
		Assert.hasText(topic, "'topic' must not be empty");
		Assert.notNull(metadata, "'metadata' must not be null");
	}

	/**
	 * Create an event published in the application, without a Kafka record.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @param metadata the metadata
	 */
	public EventParams(String topic, @Nullable Object eventPayload, EventMetadata metadata) {
		this(topic, eventPayload, metadata, null);
	}

	/**
	 * Return an event without metadata.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @return the event
	 */
	public static EventParams of(String topic, @Nullable Object eventPayload) {
		return new EventParams(topic, eventPayload, EventMetadata.empty());
	}

}
