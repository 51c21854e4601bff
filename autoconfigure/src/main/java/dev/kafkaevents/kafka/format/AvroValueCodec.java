package dev.kafkaevents.kafka.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ValueFormat#AVRO}: values are binary Avro of one schema, without a schema
 * registry. A value is read into maps (records and maps), lists, strings, {@code byte[]}
 * (bytes and fixed), numbers and booleans, so that typed handlers convert it as they
 * convert JSON; a payload is converted to such a tree with the application's
 * {@link JsonMapper}, then written against the schema.
 *
 * @author kafka-events
 */
final class AvroValueCodec implements ValueCodec {

	private final Schema schema;

	private final JsonMapper jsonMapper;

	private final GenericDatumReader<Object> reader;

	private final GenericDatumWriter<Object> writer;

	AvroValueCodec(Schema schema, JsonMapper jsonMapper) {
		this.schema = schema;
		this.jsonMapper = jsonMapper;
		this.reader = new GenericDatumReader<>(schema);
		this.writer = new GenericDatumWriter<>(schema);
	}

	/**
	 * Parse an Avro schema.
	 * @param schema the schema as JSON text
	 * @return the schema
	 * @throws IllegalArgumentException if the schema does not parse
	 */
	static Schema parseSchema(@Nullable String schema) {
		if (schema == null || schema.isBlank()) {
			throw new IllegalArgumentException("The Avro schema is empty");
		}
		try {
			return new Schema.Parser().parse(schema);
		}
		catch (SchemaParseException ex) {
			throw new IllegalArgumentException("The Avro schema does not parse: " + ex.getMessage(), ex);
		}
	}

	@Override
	public @Nullable Object read(byte @Nullable [] value) {
		if (value == null) {
			throw new InvalidRecordValueException("The record has no value (a tombstone); an Avro value is required");
		}
		try {
			BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, null);
			Object datum = this.reader.read(null, decoder);
			if (!decoder.isEnd()) {
				throw new InvalidRecordValueException(
						"The record value has bytes left after an Avro value of schema " + this.schema.getFullName());
			}
			return tree(datum);
		}
		catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException ex) {
			throw new InvalidRecordValueException(
					"The record value is not binary Avro of schema " + this.schema.getFullName() + ": " + ex, ex);
		}
	}

	private static @Nullable Object tree(@Nullable Object datum) {
		if (datum instanceof GenericRecord record) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			for (Schema.Field field : record.getSchema().getFields()) {
				map.put(field.name(), tree(record.get(field.pos())));
			}
			return map;
		}
		if (datum instanceof Map<?, ?> values) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			values.forEach((key, value) -> map.put(key.toString(), tree(value)));
			return map;
		}
		if (datum instanceof Collection<?> values) {
			List<@Nullable Object> list = new ArrayList<>(values.size());
			values.forEach((value) -> list.add(tree(value)));
			return list;
		}
		if (datum instanceof CharSequence || datum instanceof GenericEnumSymbol<?>) {
			return datum.toString();
		}
		if (datum instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		if (datum instanceof GenericFixed fixed) {
			return fixed.bytes().clone();
		}
		return datum;
	}

	@Override
	public byte[] write(@Nullable Object payload) {
		Object datum = datum(this.schema, plain(payload), "value");
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		try {
			this.writer.write(datum, encoder);
			encoder.flush();
		}
		catch (IOException | AvroRuntimeException ex) {
			throw new IllegalArgumentException(
					"The payload cannot be written as Avro of schema " + this.schema.getFullName() + ": " + ex, ex);
		}
		return out.toByteArray();
	}

	private @Nullable Object plain(@Nullable Object payload) {
		if (payload == null || payload instanceof Map || payload instanceof Collection || payload instanceof String
				|| payload instanceof Number || payload instanceof Boolean || payload instanceof byte[]) {
			return payload;
		}
		return this.jsonMapper.convertValue(payload, Object.class);
	}

	private static @Nullable Object datum(Schema schema, @Nullable Object value, String path) {
		return switch (schema.getType()) {
			case RECORD -> record(schema, value, path);
			case ARRAY -> array(schema, value, path);
			case MAP -> map(schema, value, path);
			case UNION -> union(schema, value, path);
			case ENUM -> enumSymbol(schema, value, path);
			case FIXED -> new GenericData.Fixed(schema, fixedBytes(schema, value, path));
			case STRING -> expect(value, CharSequence.class, schema, path).toString();
			case BYTES -> ByteBuffer.wrap(bytes(value, schema, path));
			case INT -> expect(value, Number.class, schema, path).intValue();
			case LONG -> expect(value, Number.class, schema, path).longValue();
			case FLOAT -> expect(value, Number.class, schema, path).floatValue();
			case DOUBLE -> expect(value, Number.class, schema, path).doubleValue();
			case BOOLEAN -> expect(value, Boolean.class, schema, path);
			case NULL -> {
				if (value != null) {
					throw mismatch(value, schema, path);
				}
				yield null;
			}
		};
	}

	private static GenericRecord record(Schema schema, @Nullable Object value, String path) {
		Map<?, ?> map = expect(value, Map.class, schema, path);
		GenericData.Record record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			String fieldPath = path + "." + field.name();
			if (!map.containsKey(field.name()) && field.hasDefaultValue()) {
				record.put(field.pos(), GenericData.get().getDefaultValue(field));
			}
			else {
				record.put(field.pos(), datum(field.schema(), map.get(field.name()), fieldPath));
			}
		}
		return record;
	}

	private static List<@Nullable Object> array(Schema schema, @Nullable Object value, String path) {
		Collection<?> values = expect(value, Collection.class, schema, path);
		List<@Nullable Object> array = new ArrayList<>(values.size());
		int index = 0;
		for (Object element : values) {
			array.add(datum(schema.getElementType(), element, path + "[" + index++ + "]"));
		}
		return array;
	}

	private static Map<String, @Nullable Object> map(Schema schema, @Nullable Object value, String path) {
		Map<?, ?> values = expect(value, Map.class, schema, path);
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		values.forEach((key, element) -> map.put(String.valueOf(key),
				datum(schema.getValueType(), element, path + "." + key)));
		return map;
	}

	private static @Nullable Object union(Schema schema, @Nullable Object value, String path) {
		IllegalArgumentException lastMismatch = null;
		for (Schema branch : schema.getTypes()) {
			try {
				return datum(branch, value, path);
			}
			catch (IllegalArgumentException ex) {
				lastMismatch = ex;
			}
		}
		throw (lastMismatch != null) ? lastMismatch : mismatch(value, schema, path);
	}

	private static GenericEnumSymbol<?> enumSymbol(Schema schema, @Nullable Object value, String path) {
		String symbol = expect(value, CharSequence.class, schema, path).toString();
		if (!schema.hasEnumSymbol(symbol)) {
			throw new IllegalArgumentException(
					path + ": \"" + symbol + "\" is not a symbol of " + schema.getFullName());
		}
		return new GenericData.EnumSymbol(schema, symbol);
	}

	private static byte[] fixedBytes(Schema schema, @Nullable Object value, String path) {
		byte[] bytes = bytes(value, schema, path);
		if (bytes.length != schema.getFixedSize()) {
			throw new IllegalArgumentException(path + ": " + bytes.length + " bytes do not fit fixed "
					+ schema.getFullName() + " of " + schema.getFixedSize() + " bytes");
		}
		return bytes;
	}

	/**
	 * Return the bytes of a {@code byte[]}, or of a Base64 text as Jackson writes a
	 * {@code byte[]} property of an application object.
	 */
	private static byte[] bytes(@Nullable Object value, Schema schema, String path) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		String text = expect(value, CharSequence.class, schema, path).toString();
		try {
			return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(path + ": text for " + schema.getType().getName() + " is not Base64");
		}
	}

	private static <T> T expect(@Nullable Object value, Class<T> type, Schema schema, String path) {
		if (!type.isInstance(value)) {
			throw mismatch(value, schema, path);
		}
		return type.cast(value);
	}

	private static IllegalArgumentException mismatch(@Nullable Object value, Schema schema, String path) {
		return new IllegalArgumentException(path + ": " + ((value != null) ? value.getClass().getSimpleName() : "null")
				+ " does not match Avro type " + schema.getType().getName());
	}

}
