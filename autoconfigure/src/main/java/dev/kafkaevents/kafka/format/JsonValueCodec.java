package dev.kafkaevents.kafka.format;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ValueFormat#JSON} and {@link ValueFormat#JSON_OR_STRING}: values are read as
 * UTF-8 JSON (maps, lists and scalars); with {@code orString}, a value that is not JSON
 * is read as its text and a tombstone as {@code null}. A {@code byte[]} payload is
 * written as is, a {@code String} as its UTF-8 bytes, anything else as JSON.
 *
 * @author kafka-events
 */
final class JsonValueCodec implements ValueCodec {

	private final JsonMapper jsonMapper;

	private final ObjectReader reader;

	private final boolean orString;

	JsonValueCodec(JsonMapper jsonMapper, boolean orString) {
		this.jsonMapper = jsonMapper;
		this.reader = jsonMapper.readerFor(Object.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.orString = orString;
	}

	@Override
	public @Nullable Object read(byte @Nullable [] value) {
		if (value == null) {
			if (this.orString) {
				return null;
			}
			throw new InvalidRecordValueException("The record has no value (a tombstone); a JSON value is required");
		}
		if (value.length == 0) {
			if (this.orString) {
				return "";
			}
			throw new InvalidRecordValueException("The record value is empty; a JSON value is required");
		}
		try {
			return this.reader.readValue(value);
		}
		catch (JacksonException ex) {
			if (this.orString) {
				return new String(value, StandardCharsets.UTF_8);
			}
			throw new InvalidRecordValueException(
					"The record value is not valid UTF-8 JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public byte[] write(@Nullable Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		return this.jsonMapper.writeValueAsBytes(payload);
	}

}
