package dev.kafkaevents.kafka.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ValueCodec} and its formats.
 *
 * @author kafka-events
 */
class ValueCodecTests {

	private static final String SCHEMA = """
			{"type": "record", "name": "Item", "fields": [
			  {"name": "id", "type": "string"},
			  {"name": "count", "type": "long", "default": 1},
			  {"name": "note", "type": ["null", "string"], "default": null},
			  {"name": "labels", "type": {"type": "map", "values": "int"}}
			]}""";

	private final JsonMapper jsonMapper = new JsonMapper();

	@Test
	void jsonRefusesTombstonesEmptyValuesAndText() {
		ValueCodec json = codec(ValueFormat.JSON);
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> json.read(null))
			.withMessageContaining("tombstone");
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> json.read(new byte[0]))
			.withMessageContaining("empty");
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> json.read(utf8("{\"a\":1} x")))
			.withMessageContaining("not valid UTF-8 JSON");
		assertThat(json.read(utf8("[1,\"a\"]"))).isEqualTo(List.of(1, "a"));
	}

	@Test
	void jsonOrStringFallsBackToTheText() {
		ValueCodec jsonOrString = codec(ValueFormat.JSON_OR_STRING);
		assertThat(jsonOrString.read(utf8("{\"a\":1}"))).isEqualTo(Map.of("a", 1));
		assertThat(jsonOrString.read(utf8("{\"a\":1} trailing"))).isEqualTo("{\"a\":1} trailing");
		assertThat(jsonOrString.read(utf8("hello"))).isEqualTo("hello");
		assertThat(jsonOrString.read(new byte[0])).isEqualTo("");
		assertThat(jsonOrString.read(null)).isNull();
		assertThat(jsonOrString.write("hello")).isEqualTo(utf8("hello"));
		assertThat(jsonOrString.write(Map.of("a", 1))).isEqualTo(utf8("{\"a\":1}"));
	}

	@Test
	void stringReadsTextAndWritesObjectsAsJson() {
		ValueCodec string = codec(ValueFormat.STRING);
		assertThat(string.read(utf8("{\"a\":1}"))).isEqualTo("{\"a\":1}");
		assertThat(string.read(null)).isNull();
		assertThat(string.write("wörld")).isEqualTo(utf8("wörld"));
		assertThat(string.write(Map.of("a", 1))).isEqualTo(utf8("{\"a\":1}"));
	}

	@Test
	void bytesKeepBytesAndRefuseOtherPayloads() {
		ValueCodec bytes = codec(ValueFormat.BYTES);
		byte[] value = { 1, 2 };
		assertThat(bytes.read(value)).isSameAs(value);
		assertThat(bytes.write(value)).isSameAs(value);
		assertThat(bytes.write(ByteBuffer.wrap(new byte[] { 0, 3, 4 }, 1, 2))).containsExactly(3, 4);
		assertThat(bytes.write(null)).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> bytes.write(Map.of()))
			.withMessageContaining("java.util.ImmutableCollections$MapN");
	}

	@Test
	void avroRoundTripUsesDefaultsUnionsAndMaps() {
		ValueCodec avro = ValueCodec.of(new RecordFormat(ValueFormat.AVRO, KeyFormat.STRING, SCHEMA), this.jsonMapper);
		byte[] written = avro.write(Map.of("id", "i-1", "labels", Map.of("x", 2)));
		assertThat(avro.read(written))
			.isEqualTo(mapOf("id", "i-1", "count", 1L, "note", null, "labels", Map.of("x", 2)));
		byte[] withNote = avro.write(new Item("i-2", 5, "fragile", Map.of()));
		assertThat(avro.read(withNote))
			.isEqualTo(mapOf("id", "i-2", "count", 5L, "note", "fragile", "labels", Map.of()));
	}

	@Test
	void avroRefusesValuesThatDoNotMatchTheSchema() {
		ValueCodec avro = ValueCodec.of(new RecordFormat(ValueFormat.AVRO, KeyFormat.STRING, SCHEMA), this.jsonMapper);
		assertThatIllegalArgumentException().isThrownBy(() -> avro.write(Map.of("id", 7, "labels", Map.of())))
			.withMessageContaining("value.id: Integer does not match Avro type string");
		byte[] written = avro.write(Map.of("id", "i-1", "labels", Map.of()));
		byte[] trailing = ByteBuffer.allocate(written.length + 1).put(written).put((byte) 0).array();
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> avro.read(trailing))
			.withMessageContaining("bytes left");
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> avro.read(utf8("\u00ff")))
			.withMessageContaining("not binary Avro of schema Item");
		assertThatExceptionOfType(InvalidRecordValueException.class).isThrownBy(() -> avro.read(null))
			.withMessageContaining("tombstone");
	}

	private ValueCodec codec(ValueFormat format) {
		return ValueCodec.of(new RecordFormat(format, KeyFormat.STRING, null), this.jsonMapper);
	}

	private static Map<String, Object> mapOf(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Item(String id, long count, String note, Map<String, Integer> labels) {

	}

}
