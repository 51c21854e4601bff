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
 * @param reply the answer of a consumed request (a record with a reply topic and a
 * correlation id), or {@code null} for an event that is not a request
 */
public record EventParams(String topic, @Nullable Object eventPayload, EventMetadata metadata,
		@Nullable KafkaRecord kafkaRecord, @Nullable EventReply reply) {

	/**
	 * Create a new instance, checking that the topic has text and metadata is present.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @param metadata the metadata
	 * @param kafkaRecord the Kafka record the event came from, or {@code null}
	 * @param reply the answer of a request, or {@code null}
	 */
	public EventParams {
		Assert.hasText(topic, "'topic' must not be empty");
		Assert.notNull(metadata, "'metadata' must not be null");
	}

	/**
	 * Create an event that is not a request.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @param metadata the metadata
	 * @param kafkaRecord the Kafka record the event came from, or {@code null}
	 */
	public EventParams(String topic, @Nullable Object eventPayload, EventMetadata metadata,
			@Nullable KafkaRecord kafkaRecord) {
		this(topic, eventPayload, metadata, kafkaRecord, null);
	}

	/**
	 * Create an event published in the application, without a Kafka record.
	 * @param topic the topic
	 * @param eventPayload the payload
	 * @param metadata the metadata
	 */
	public EventParams(String topic, @Nullable Object eventPayload, EventMetadata metadata) {
		this(topic, eventPayload, metadata, null, null);
	}

	/**
	 * Return this event as a request answered through the given reply.
	 * @param reply the reply
	 * @return the event with that reply
	 */
	public EventParams withReply(EventReply reply) {
		Assert.notNull(reply, "'reply' must not be null");
		return new EventParams(this.topic, this.eventPayload, this.metadata, this.kafkaRecord, reply);
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
