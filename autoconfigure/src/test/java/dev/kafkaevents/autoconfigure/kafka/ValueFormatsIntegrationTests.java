package dev.kafkaevents.autoconfigure.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.ConsumingBridgeAssignments;
import dev.kafkaevents.test.TestKafka;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the value and key formats of consuming and publishing mappings,
 * against the in-JVM KRaft broker: what the bridges read from records written by a raw
 * producer, and what a raw consumer reads from records the bridges wrote.
 *
 * @author kafka-events
 */
class ValueFormatsIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.formats";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.formats";

	private static final Schema ORDER_SCHEMA = orderSchema();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class));

	@Test
	void consumingMappingsReadValuesInTheirFormats() {
		String text = TestKafka.createTopic("fmt-text", 1);
		String string = TestKafka.createTopic("fmt-string", 1);
		String bytes = TestKafka.createTopic("fmt-bytes", 1);
		String avro = TestKafka.createTopic("fmt-avro", 1);
		this.contextRunner.withPropertyValues(consuming(0, "in.text", text, "json-or-string"))
			.withPropertyValues(consuming(1, "in.string", string, "string"))
			.withPropertyValues(consuming(2, "in.bytes", bytes, "bytes"))
			.withPropertyValues(consuming(3, "in.avro", avro, "avro"))
			.withPropertyValues(CONSUMING + ".topics[3].kafka.avroSchemaLocation=classpath:avro/order.avsc")
			.withBean(FormatHandlers.class)
			.run((context) -> {
				awaitAssignments(context.getBean(KafkaConsumingBridges.class));
				TestKafka.send(text, 0, utf8("plain text, not JSON"));
				TestKafka.send(text, 0, utf8("{\"n\":1}"));
				TestKafka.send(string, 0, utf8("{\"n\":2}"));
				TestKafka.send(bytes, 0, new byte[] { 0, -1, 7 });
				TestKafka.send(avro, 0, "not avro".getBytes(StandardCharsets.UTF_8));
				Order order = new Order("o-1", 3, null, "SHIPPED", List.of("a", "b"), new byte[] { 9, 8 });
				TestKafka.send(avro, 0, avroBytes(order));
				FormatHandlers handlers = context.getBean(FormatHandlers.class);
				await().atMost(TestKafka.timeout())
					.until(() -> handlers.text.size() == 2 && handlers.strings.size() == 1 && handlers.bytes.size() == 1
							&& handlers.orders.size() == 1);
				assertThat(handlers.text).extracting(EventParams::eventPayload)
					.containsExactly("plain text, not JSON", Map.of("n", 1));
				assertThat(handlers.text).extracting((event) -> event.kafkaRecord().valueText())
					.containsExactly("plain text, not JSON", "{\"n\":1}");
				assertThat(handlers.strings).containsExactly("{\"n\":2}");
				assertThat(handlers.bytes.peek()).containsExactly(0, -1, 7);
				assertThat(handlers.orders.peek()).usingRecursiveComparison().isEqualTo(order);
				KafkaConsumingBridge avroBridge = bridge(context.getBean(KafkaConsumingBridges.class), "in.avro");
				assertThat(avroBridge.getFailedCount()).isOne();
				assertThat(avroBridge.getProcessedCount()).isEqualTo(2);
			});
	}

	@Test
	void publishingMappingsWriteValuesAndKeysInTheirFormats() throws IOException {
		String avro = TestKafka.createTopic("fmt-out-avro", 1);
		String bytes = TestKafka.createTopic("fmt-out-bytes", 1);
		String string = TestKafka.createTopic("fmt-out-string", 1);
		this.contextRunner.withPropertyValues(publishing(0, "out.avro", avro, "avro"))
			.withPropertyValues(publishing(1, "out.bytes", bytes, "bytes"))
			.withPropertyValues(publishing(2, "out.string", string, "string"))
			.withPropertyValues(PUBLISHING + ".topics[0].kafka.avroSchema=" + ORDER_SCHEMA.toString(),
					PUBLISHING + ".topics[0].kafka.key=/id", PUBLISHING + ".topics[1].kafka.keyFormat=bytes",
					PUBLISHING + ".topics[1].kafka.key=id")
			.run((context) -> {
				EventsService events = context.getBean(EventsService.class);
				Order order = new Order("o-2", 5, "fragile", "NEW", List.of("x"), new byte[] { 1, 2, 3 });
				events.publish(EventParams.of("out.avro", order)).join();
				byte[] key = { 0, 1, -2 };
				events
					.publish(new EventParams("out.bytes", new byte[] { 4, 5 },
							EventMetadata.builder().add("id", Base64.getEncoder().encodeToString(key)).build()))
					.join();
				events.publish(EventParams.of("out.string", "hello")).join();
				ConsumerRecord<byte[], byte[]> avroRecord = TestKafka.records(avro, 1).get(0);
				assertThat(new String(avroRecord.key(), StandardCharsets.UTF_8)).isEqualTo("o-2");
				GenericRecord read = new GenericDatumReader<GenericRecord>(ORDER_SCHEMA).read(null,
						DecoderFactory.get().binaryDecoder(avroRecord.value(), null));
				assertThat(read.get("id")).hasToString("o-2");
				assertThat(read.get("quantity")).isEqualTo(5);
				assertThat(read.get("note")).hasToString("fragile");
				assertThat(read.get("status")).hasToString("NEW");
				assertThat(read.get("tags")).asList().extracting(Object::toString).containsExactly("x");
				assertThat(((ByteBuffer) read.get("checksum")).array()).containsExactly(1, 2, 3);
				ConsumerRecord<byte[], byte[]> bytesRecord = TestKafka.records(bytes, 1).get(0);
				assertThat(bytesRecord.key()).containsExactly(key);
				assertThat(bytesRecord.value()).containsExactly(4, 5);
				assertThat(TestKafka.records(string, 1).get(0).value()).isEqualTo(utf8("hello"));
			});
	}

	@Test
	void avroWrittenByThePublishingSideIsReadByTheConsumingSide() {
		String topic = TestKafka.createTopic("fmt-avro-round-trip", 1);
		this.contextRunner.withPropertyValues(publishing(0, "out.avro", topic, "avro"))
			.withPropertyValues(PUBLISHING + ".topics[0].kafka.avroSchemaLocation=classpath:avro/order.avsc")
			.withPropertyValues(consuming(0, "in.avro", topic, "avro"))
			.withPropertyValues(CONSUMING + ".topics[0].kafka.avroSchemaLocation=classpath:avro/order.avsc")
			.withBean(FormatHandlers.class)
			.run((context) -> {
				awaitAssignments(context.getBean(KafkaConsumingBridges.class));
				Order order = new Order("o-3", 1, null, "NEW", List.of(), new byte[0]);
				context.getBean(EventsService.class).publish(EventParams.of("out.avro", order)).join();
				FormatHandlers handlers = context.getBean(FormatHandlers.class);
				await().atMost(TestKafka.timeout()).until(() -> handlers.orders.size() == 1);
				assertThat(handlers.orders.peek()).usingRecursiveComparison().isEqualTo(order);
			});
	}

	private static void awaitAssignments(KafkaConsumingBridges bridges) {
		bridges.getBridges().forEach(ConsumingBridgeAssignments::awaitAssignment);
	}

	private static KafkaConsumingBridge bridge(KafkaConsumingBridges bridges, String eventsTopic) {
		return bridges.getBridges()
			.stream()
			.filter((bridge) -> bridge.getMapping().eventsTopic().equals(eventsTopic))
			.findFirst()
			.orElseThrow();
	}

	private static String[] consuming(int index, String eventsTopic, String kafkaTopic, String format) {
		String entry = CONSUMING + ".topics[" + index + "]";
		return new String[] { CONSUMING + ".clientId=formats", CONSUMING + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=" + eventsTopic, entry + ".kafka.topics[0]=" + kafkaTopic,
				entry + ".kafka.groupId=" + TestKafka.uniqueGroup("formats"), entry + ".kafka.fromBeginning=true",
				entry + ".kafka.valueFormat=" + format };
	}

	private static String[] publishing(int index, String eventsTopic, String kafkaTopic, String format) {
		String entry = PUBLISHING + ".topics[" + index + "]";
		return new String[] { PUBLISHING + ".clientId=formats", PUBLISHING + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=" + eventsTopic, entry + ".kafka.topic=" + kafkaTopic,
				entry + ".kafka.valueFormat=" + format };
	}

	private static byte[] avroBytes(Order order) throws IOException {
		GenericData.Record record = new GenericData.Record(ORDER_SCHEMA);
		record.put("id", order.id());
		record.put("quantity", order.quantity());
		record.put("note", order.note());
		record.put("status", new GenericData.EnumSymbol(ORDER_SCHEMA.getField("status").schema(), order.status()));
		record.put("tags", new ArrayList<>(order.tags()));
		record.put("checksum", ByteBuffer.wrap(order.checksum()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(ORDER_SCHEMA).write(record, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	private static Schema orderSchema() {
		try (InputStream schema = new ClassPathResource("avro/order.avsc").getInputStream()) {
			return new Schema.Parser().parse(schema);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Order(String id, int quantity, String note, String status, List<String> tags, byte[] checksum) {

	}

	static class FormatHandlers {

		final Queue<EventParams> text = new ConcurrentLinkedQueue<>();

		final Queue<String> strings = new ConcurrentLinkedQueue<>();

		final Queue<byte[]> bytes = new ConcurrentLinkedQueue<>();

		final Queue<Order> orders = new ConcurrentLinkedQueue<>();

		@EventHandler("in.text")
		void onText(EventParams event) {
			this.text.add(event);
		}

		@EventHandler("in.string")
		void onString(String value, KafkaRecord record) {
			this.strings.add(value);
		}

		@EventHandler("in.bytes")
		void onBytes(byte[] value) {
			this.bytes.add(value);
		}

		@EventHandler("in.avro")
		void onOrder(Order order) {
			this.orders.add(order);
		}

	}

}
