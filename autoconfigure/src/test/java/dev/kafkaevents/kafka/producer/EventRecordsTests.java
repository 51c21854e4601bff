package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.RecordFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventRecords}: Backstage's {@code payloadToBuffer} cases
 * (backstage-module.md §6.8, 7 to 11) and record keys.
 *
 * @author kafka-events
 */
class EventRecordsTests {

	private final JsonMapper jsonMapper = new JsonMapper();

	@Test
	void bytesAreSentAsTheyAre() {
		byte[] payload = { 1, 2, 3 };
		assertThat(value(payload)).isSameAs(payload);
	}

	@Test
	void textIsSentAsItsUtf8BytesWithoutQuotes() {
		assertThat(text(value("hello wörld"))).isEqualTo("hello wörld");
	}

	@Test
	void objectsAndArraysAreSentAsJson() {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("hello", "world");
		object.put("n", 1);
		assertThat(text(value(object))).isEqualTo("{\"hello\":\"world\",\"n\":1}");
		assertThat(text(value(List.of(1, "two", true)))).isEqualTo("[1,\"two\",true]");
	}

	@Test
	void scalarsAndNullAreSentAsJson() {
		assertThat(text(value(42))).isEqualTo("42");
		assertThat(text(value(true))).isEqualTo("true");
		assertThat(text(value(null))).isEqualTo("null");
	}

	@Test
	void jsonNodesAndApplicationObjectsAreSentAsJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", "42");
		assertThat(text(value(node))).isEqualTo("{\"id\":\"42\"}");
		assertThat(text(value(new Order("42", 3)))).isEqualTo("{\"id\":\"42\",\"quantity\":3}");
	}

	@Test
	void recordGoesToTheMappingsKafkaTopicWithoutKeyByDefault() {
		ProducerRecord<byte[], byte[]> record = records(null).toRecord(EventParams.of("orders", "x"));
		assertThat(record.topic()).isEqualTo("orders-out");
		assertThat(record.key()).isNull();
		assertThat(record.partition()).isNull();
		assertThat(record.headers().toArray()).isEmpty();
	}

	@Test
	void keyFromMetadataUsesTheFirstValueAndFallsBackToAnyCase() {
		EventMetadata metadata = EventMetadata.builder().add("Entity-Ref", "a").add("Entity-Ref", "b").build();
		assertThat(key(records("Entity-Ref"), "x", metadata)).isEqualTo("a");
		assertThat(key(records("entity-ref"), "x", metadata)).isEqualTo("a");
		assertThat(key(records("missing"), "x", metadata)).isNull();
	}

	@Test
	void keyFromJsonPointerReadsScalarsAsTextAndContainersAsJson() {
		Map<String, Object> payload = Map.of("entity", Map.of("id", "e-1", "version", 7, "tags", List.of("a")));
		assertThat(key(records("/entity/id"), payload, EventMetadata.empty())).isEqualTo("e-1");
		assertThat(key(records("/entity/version"), payload, EventMetadata.empty())).isEqualTo("7");
		assertThat(key(records("/entity/tags"), payload, EventMetadata.empty())).isEqualTo("[\"a\"]");
		assertThat(key(records("/entity/missing"), payload, EventMetadata.empty())).isNull();
		assertThat(key(records("/entity/id"), new Order("o-1", 1), EventMetadata.empty())).isNull();
		assertThat(key(records("/id"), new Order("o-1", 1), EventMetadata.empty())).isEqualTo("o-1");
	}

	@Test
	void keyFromJsonPointerReadsTextAndBytesPayloadsAsJson() {
		String json = "{\"id\":\"t-1\"}";
		assertThat(key(records("/id"), json, EventMetadata.empty())).isEqualTo("t-1");
		assertThat(key(records("/id"), json.getBytes(StandardCharsets.UTF_8), EventMetadata.empty())).isEqualTo("t-1");
		assertThat(key(records("/id"), "not json", EventMetadata.empty())).isNull();
		assertThat(key(records("/id"), null, EventMetadata.empty())).isNull();
		assertThat(key(records("/id"), Map.of("other", 1), EventMetadata.empty())).isNull();
	}

	@Test
	void keyOfJsonNullIsNoKey() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", null);
		assertThat(key(records("/id"), payload, EventMetadata.empty())).isNull();
	}

	@Test
	void keyNamingAPropertyOfThePayloadTypeReadsItFromPayloadsOfThatType() {
		EventMetadata metadata = EventMetadata.builder().add("id", "from-metadata").build();
		assertThat(key(records("id", Order.class), new Order("o-1", 1), metadata)).isEqualTo("o-1");
		assertThat(key(records("quantity", Order.class), new Order("o-1", 3), metadata)).isEqualTo("3");
		assertThat(key(records("id", Order.class), new Order(null, 3), metadata)).isNull();
		assertThat(key(records("customer", Shipment.class), new Shipment(new Customer("c-9"), Status.SENT), metadata))
			.isEqualTo("{\"id\":\"c-9\"}");
		assertThat(key(records("status", Shipment.class), new Shipment(null, Status.SENT), metadata)).isEqualTo("SENT");
	}

	@Test
	void keyNamingAPropertyOfThePayloadTypeReadsThatPropertyAsJsonFromOtherPayloads() {
		EventMetadata metadata = EventMetadata.builder().add("id", "from-metadata").build();
		assertThat(key(records("id", Order.class), Map.of("id", "m-1"), metadata)).isEqualTo("m-1");
		assertThat(key(records("id", Order.class), "{\"id\":\"t-1\"}", metadata)).isEqualTo("t-1");
	}

	@Test
	void keyThatIsNoPropertyOfThePayloadTypeNamesMetadata() {
		EventMetadata metadata = EventMetadata.builder().add("trace-id", "abc").build();
		assertThat(key(records("trace-id", Order.class), new Order("o-1", 1), metadata)).isEqualTo("abc");
	}

	private byte[] value(@Nullable Object payload) {
		return records(null).toRecord(new EventParams("orders", payload, EventMetadata.empty())).value();
	}

	private EventRecords records(@Nullable String key) {
		return records(key, null);
	}

	private EventRecords records(@Nullable String key, @Nullable Class<?> payloadType) {
		PublishingMapping mapping = new PublishingMapping("dev.orders", "dev", "client", List.of("localhost:9092"),
				"orders", "orders-out", key, HeaderForwarding.NONE, Map.of(), RecordFormat.DEFAULT, null, payloadType,
				false);
		return new EventRecords(mapping, this.jsonMapper);
	}

	private static @Nullable String key(EventRecords records, @Nullable Object payload, EventMetadata metadata) {
		byte[] key = records.toRecord(new EventParams("orders", payload, metadata)).key();
		return (key != null) ? text(key) : null;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	record Shipment(@Nullable Customer customer, Status status) {
	}

	record Customer(String id) {
	}

	enum Status {

		SENT

	}

	record Order(@Nullable String id, int quantity) {
	}

}
