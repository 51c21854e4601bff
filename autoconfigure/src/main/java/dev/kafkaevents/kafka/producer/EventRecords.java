package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.KeyFormat;
import dev.kafkaevents.kafka.format.ValueCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Turns events into the Kafka records of one publishing mapping: value, key and headers.
 * <p>
 * The value is written in the mapping's {@link ValueCodec value format}; in the default
 * JSON format, a {@code byte[]} payload as is, a {@code String} as its UTF-8 bytes, and
 * anything else (including {@code null}) as JSON written by the application's
 * {@link JsonMapper}. The key comes from {@code kafka.key}: a value starting with
 * {@code /} is a JSON pointer into the payload (a {@code byte[]} or {@code String}
 * payload is read as JSON text, anything else is converted to a tree once), otherwise it
 * names the metadata whose first value is used (exact name first, then ignoring case),
 * unless the mapping's {@code payloadType} has a readable property of that name: then the
 * key is that property of a payload of the type, read without converting the payload, and
 * the pointer {@code /<name>} into any other payload. A missing or JSON {@code null} key
 * means a record without key; a scalar is its text, an object or array its JSON. With the
 * {@code bytes} key format, the key text is Base64 and the record key its decoded bytes.
 *
 * @author kafka-events
 */
public final class EventRecords {

	private final String kafkaTopic;

	private final JsonMapper jsonMapper;

	private final KeySource keySource;

	private final MetadataHeaders headers;

	private final ValueCodec values;

	private final boolean base64Keys;

	/**
	 * Create the records of a publishing mapping.
	 * @param mapping the mapping
	 * @param jsonMapper the application's mapper
	 */
	public EventRecords(PublishingMapping mapping, JsonMapper jsonMapper) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.kafkaTopic = mapping.kafkaTopic();
		this.jsonMapper = jsonMapper;
		this.keySource = keySource(mapping);
		this.headers = new MetadataHeaders(mapping.headers());
		this.values = ValueCodec.of(mapping.format(), jsonMapper);
		this.base64Keys = mapping.format().key() == KeyFormat.BYTES;
	}

	private KeySource keySource(PublishingMapping mapping) {
		String key = mapping.key();
		if (!StringUtils.hasText(key)) {
			return (event) -> null;
		}
		PayloadProperty property = key.startsWith("/") ? null : PayloadProperty.find(mapping.payloadType(), key);
		if (property != null) {
			JsonPointer pointer = JsonPointer.compile("/" + key);
			return (event) -> property.isReadableFrom(event.eventPayload()) ? propertyValue(property, event)
					: pointerValue(event.eventPayload(), pointer);
		}
		if (!key.startsWith("/")) {
			return (event) -> metadataValue(event.metadata(), key);
		}
		JsonPointer pointer = JsonPointer.compile(key);
		return (event) -> pointerValue(event.eventPayload(), pointer);
	}

	private @Nullable String propertyValue(PayloadProperty property, EventParams event) {
		Object value = property.read(event.eventPayload());
		if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
			return (value != null) ? value.toString() : null;
		}
		return (value instanceof Enum<?> constant) ? constant.name() : pointerValue(value, JsonPointer.empty());
	}

	/**
	 * Build the record of an event.
	 * @param event the event
	 * @return the record for the mapping's Kafka topic
	 */
	public ProducerRecord<byte[], byte[]> toRecord(EventParams event) {
		return new ProducerRecord<>(this.kafkaTopic, null, keyBytes(this.keySource.key(event)),
				this.values.write(event.eventPayload()), this.headers.headers(event.metadata()));
	}

	private byte @Nullable [] keyBytes(@Nullable String key) {
		if (key == null) {
			return null;
		}
		if (!this.base64Keys) {
			return key.getBytes(StandardCharsets.UTF_8);
		}
		try {
			return Base64.getDecoder().decode(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The record key is not Base64, as the bytes key format requires", ex);
		}
	}

	private static @Nullable String metadataValue(EventMetadata metadata, String name) {
		if (metadata.contains(name)) {
			return metadata.get(name);
		}
		for (String candidate : metadata.names()) {
			if (candidate.equalsIgnoreCase(name)) {
				return metadata.get(candidate);
			}
		}
		return null;
	}

	private @Nullable String pointerValue(@Nullable Object payload, JsonPointer pointer) {
		JsonNode node = tree(payload).at(pointer);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	private JsonNode tree(@Nullable Object payload) {
		if (payload == null) {
			return MissingNode.getInstance();
		}
		if (payload instanceof JsonNode node) {
			return node;
		}
		if (payload instanceof byte[] bytes) {
			return readTree(bytes);
		}
		if (payload instanceof String text) {
			return readTree(text.getBytes(StandardCharsets.UTF_8));
		}
		return this.jsonMapper.valueToTree(payload);
	}

	private JsonNode readTree(byte[] json) {
		try {
			JsonNode node = this.jsonMapper.readTree(json);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * Where the record key of an event comes from.
	 */
	@FunctionalInterface
	private interface KeySource {

		@Nullable String key(EventParams event);

	}

}
