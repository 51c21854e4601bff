package dev.kafkaevents.kafka.format;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ValueFormat#STRING}: values are read as UTF-8 text and a tombstone as
 * {@code null}. A {@code String} payload is written as its UTF-8 bytes, a {@code byte[]}
 * as is, anything else as JSON.
 *
 * @author kafka-events
 */
final class TextValueCodec implements ValueCodec {

	private final JsonMapper jsonMapper;

	TextValueCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public @Nullable Object read(byte @Nullable [] value) {
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	@Override
	public byte[] write(@Nullable Object payload) {
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		return this.jsonMapper.writeValueAsBytes(payload);
	}

}
