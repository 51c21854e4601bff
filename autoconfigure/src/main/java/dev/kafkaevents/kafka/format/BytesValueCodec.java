package dev.kafkaevents.kafka.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * {@link ValueFormat#BYTES}: values are read as the {@code byte[]} they are and a
 * tombstone as {@code null}. A {@code byte[]} or {@code ByteBuffer} payload is written as
 * its bytes, a {@code String} as its UTF-8 bytes and {@code null} as a tombstone; other
 * payloads are refused.
 *
 * @author kafka-events
 */
final class BytesValueCodec implements ValueCodec {

	@Override
	public byte @Nullable [] read(byte @Nullable [] value) {
		return value;
	}

	@Override
	public byte @Nullable [] write(@Nullable Object payload) {
		if (payload == null) {
			return null;
		}
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new IllegalArgumentException("The bytes value format takes a byte[], ByteBuffer or String payload, not "
				+ payload.getClass().getName());
	}

}
