package dev.kafkaevents.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event every benchmark moves: a Backstage-like entity change as JSON of the
 * configured size, with a {@code t} field the latency case sets to the send time; and the
 * one {@link JsonMapper} that parses and writes it on both sides.
 * <p>
 * Both sides share the mapper because Jackson seeds each mapper's field-name table from
 * the clock: two mappers may hash the same names into more or fewer collisions, which
 * changes parsing cost by a tenth or so, at random.
 *
 * @author kafka-events
 */
final class Payload {

	static final String TIME_FIELD = "t";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final byte[] json;

	private final Map<String, Object> map;

	private final ObjectReader reader = this.mapper.readerFor(Object.class)
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final ObjectWriter writer = this.mapper.writer();

	Payload(int size) {
		this.json = json(size);
		this.map = parse(this.json);
	}

	private byte[] json(int size) {
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put(TIME_FIELD, 0L);
		entity.put("type", "catalog.entity.changed");
		entity.put("entityRef", "component:default/payments-service-00042");
		entity.put("metadata", Map.of("name", "payments-service-00042", "namespace", "default", "labels",
				Map.of("tier", "backend", "team", "payments"), "tags", List.of("java", "kafka", "spring")));
		entity.put("spec",
				Map.of("type", "service", "lifecycle", "production", "owner", "group:payments", "system", "checkout"));
		entity.put("sequence", 42);
		entity.put("description", "");
		int padding = Math.max(0, size - this.mapper.writeValueAsBytes(entity).length);
		entity.put("description", "x".repeat(padding));
		return this.mapper.writeValueAsBytes(entity);
	}

	/**
	 * Return the mapper of both sides: the raw loops use it, and every bridge application
	 * of a throughput or latency case gets it as its {@link JsonMapper} bean.
	 * @return the mapper
	 */
	JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Return the JSON bytes of the event, the value of every preloaded record.
	 * @return the JSON
	 */
	byte[] json() {
		return this.json;
	}

	/**
	 * Return the event as the map a JSON parser produces, what publishers hand over.
	 * @return the payload
	 */
	Map<String, Object> map() {
		return this.map;
	}

	/**
	 * Return a copy of the payload with the given send time.
	 * @param nanos the send time, from {@link System#nanoTime()}
	 * @return the payload
	 */
	Map<String, Object> withTime(long nanos) {
		Map<String, Object> copy = new LinkedHashMap<>(this.map);
		copy.put(TIME_FIELD, nanos);
		return copy;
	}

	/**
	 * Parse a record value the way the consuming bridge does.
	 * @param value the record value
	 * @return the parsed payload
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> parse(byte[] value) {
		return (Map<String, Object>) this.reader.readValue(value);
	}

	/**
	 * Write a payload as JSON, the way the publishing bridge does.
	 * @param payload the payload
	 * @return the JSON
	 */
	byte[] write(Object payload) {
		return this.writer.writeValueAsBytes(payload);
	}

	/**
	 * Return the latency of an event parsed from a record: now minus its send time.
	 * @param payload the parsed payload
	 * @return the latency in nanoseconds
	 */
	static long latencyNanos(@Nullable Object payload) {
		Object time = (payload instanceof Map<?, ?> map) ? map.get(TIME_FIELD) : null;
		return System.nanoTime() - ((Number) time).longValue();
	}

	/**
	 * Consume a parsed payload so that the work is not optimized away.
	 * @param payload the payload
	 * @return a number derived from it
	 */
	static int consume(@Nullable Object payload) {
		return (payload instanceof Map<?, ?> map) ? map.size() : 0;
	}

}
