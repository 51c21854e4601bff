package dev.kafkaevents.autoconfigure.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kafkaevents.autoconfigure.kafka.RequestReplyApplications.Answers;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of request-reply with plain kafka-clients peers that use the
 * documented headers, as a KafkaJS or NestJS service would.
 *
 * @author kafka-events
 */
class RequestReplyInteropIntegrationTests {

	private static final String HEADERS = "events.modules.kafka.requestReply.headers";

	private final ApplicationContextRunner contextRunner = RequestReplyApplications.runner();

	@Test
	void rawResponderAnswersOurRequestWithTheDocumentedHeaders() throws Exception {
		String requests = TestKafka.createTopic("questions", 1);
		String replies = TestKafka.createTopic("replies", 3);
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture<ConsumerRecord<byte[], byte[]>> seen = CompletableFuture
				.supplyAsync(() -> respond(requests, running), executor);
			this.contextRunner
				.withPropertyValues(RequestReplyApplications.requester(requests, replies,
						RequestReplyApplications.REQUESTER + ".replyPartition=2"))
				.run((context) -> {
					EventParams reply = context.getBean(KafkaRequests.class)
						.request(EventParams.of("ask", Map.of("q", "raw")))
						.get();
					assertThat(reply.eventPayload()).isEqualTo(Map.of("answer", "raw answer"));
					assertThat(reply.kafkaRecord().partition()).isEqualTo(2);
				});
			running.set(false);
			ConsumerRecord<byte[], byte[]> request = seen.get();
			assertThat(text(request.headers().lastHeader("kafka_replyTopic"))).isEqualTo(replies);
			assertThat(ByteBuffer.wrap(request.headers().lastHeader("kafka_replyPartition").value()).getInt())
				.isEqualTo(2);
			assertThat(text(request.headers().lastHeader("kafka_correlationId"))).matches("[0-9a-f-]{36}");
		}
		finally {
			running.set(false);
			executor.shutdown();
		}
	}

	@Test
	void rawRequesterGetsTheAnswerOfAnEventHandlerWithConfiguredHeaderNames() {
		String requests = TestKafka.createTopic("questions", 1);
		String replies = TestKafka.createTopic("replies", 1);
		this.contextRunner
			.withPropertyValues(RequestReplyApplications.answerer(requests, HEADERS + ".correlationId=correlation-id",
					HEADERS + ".replyTopic=reply-to"))
			.withBean(Answers.class)
			.run((context) -> {
				RequestReplyApplications.awaitAnswering(context);
				ProducerRecord<byte[], byte[]> request = new ProducerRecord<>(requests, 0, (byte[]) null,
						"{\"q\":\"kafkajs\"}".getBytes(StandardCharsets.UTF_8),
						List.of(new RecordHeader("reply-to", replies.getBytes(StandardCharsets.UTF_8)),
								new RecordHeader("correlation-id", "req-1".getBytes(StandardCharsets.UTF_8)),
								new RecordHeader("asker", "kafkajs".getBytes(StandardCharsets.UTF_8))));
				TestKafka.send(request);
				ConsumerRecord<byte[], byte[]> reply = TestKafka.records(replies, 1).get(0);
				assertThat(text(reply.headers().lastHeader("correlation-id"))).isEqualTo("req-1");
				assertThat(new String(reply.value(), StandardCharsets.UTF_8))
					.isEqualTo("{\"answer\":\"42 for kafkajs from kafkajs\"}");
			});
	}

	private static ConsumerRecord<byte[], byte[]> respond(String requests, AtomicBoolean running) {
		Map<String, Object> consumerProperties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers(),
				ConsumerConfig.GROUP_ID_CONFIG, TestKafka.uniqueGroup("raw-responder"),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, Object> producerProperties = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties,
						new ByteArraySerializer(), new ByteArraySerializer())) {
			consumer.subscribe(List.of(requests));
			ConsumerRecord<byte[], byte[]> answered = null;
			while (running.get()) {
				for (ConsumerRecord<byte[], byte[]> request : consumer.poll(Duration.ofMillis(100))) {
					Header partition = request.headers().lastHeader("kafka_replyPartition");
					producer.send(new ProducerRecord<>(text(request.headers().lastHeader("kafka_replyTopic")),
							(partition != null) ? ByteBuffer.wrap(partition.value()).getInt() : null, (byte[]) null,
							"{\"answer\":\"raw answer\"}".getBytes(StandardCharsets.UTF_8),
							List.of(request.headers().lastHeader("kafka_correlationId"))));
					answered = request;
				}
			}
			return answered;
		}
	}

	private static String text(Header header) {
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
