package dev.kafkaevents.kafka.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The headers of a record as one column value: their count, then for each its UTF-8 name
 * and its value (length {@code -1} for a {@code null} value), in order.
 *
 * @author kafka-events
 */
final class OutboxHeaders {

	private OutboxHeaders() {
	}

	static byte[] encode(Headers headers) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			Header[] all = headers.toArray();
			out.writeInt(all.length);
			for (Header header : all) {
				writeBytes(out, header.key().getBytes(StandardCharsets.UTF_8));
				writeBytes(out, header.value());
			}
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Headers decode(byte[] encoded) {
		try {
			DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
			RecordHeaders headers = new RecordHeaders();
			int count = in.readInt();
			for (int i = 0; i < count; i++) {
				byte[] name = readBytes(in);
				headers.add(new String((name != null) ? name : new byte[0], StandardCharsets.UTF_8), readBytes(in));
			}
			return headers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeBytes(DataOutputStream out, byte @Nullable [] value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		out.writeInt(value.length);
		out.write(value);
	}

	private static byte @Nullable [] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		byte[] value = new byte[length];
		in.readFully(value);
		return value;
	}

}
