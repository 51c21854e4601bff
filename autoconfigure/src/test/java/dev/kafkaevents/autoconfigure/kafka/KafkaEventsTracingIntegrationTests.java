package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves that one trace runs from a Kafka record through the consuming bridge, an
 * {@code @EventHandler} and the publishing bridge into the record it sends, with
 * OpenTelemetry through Micrometer Tracing and W3C propagation; and that a share-group
 * mapping continues the trace of its records the same way.
 *
 * @author kafka-events
 */
@DirtiesContext
@SpringBootTest(properties = "management.tracing.sampling.probability=1.0")
class KafkaEventsTracingIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String INCOMING = TestKafka.createTopic("traced-in", 1);

	private static final String OUTGOING = TestKafka.createTopic("traced-out", 1);

	private static final String SHARED = TestKafka.createTopic("traced-shared", 1);

	private static final String SHARED_TRACE_ID = "5af92f3577b34da6a3ce929d0e0e4737";

	@Autowired
	private TracedHandler handler;

	@Autowired
	private Queue<SpanData> spans;

	@DynamicPropertySource
	static void kafkaEvents(DynamicPropertyRegistry registry) {
		String consuming = "events.modules.kafka.kafkaConsumingEventPublisher.in.";
		registry.add(consuming + "clientId", () -> "traced-in");
		registry.add(consuming + "brokers[0]", TestKafka::brokers);
		registry.add(consuming + "topics[0].topic", () -> "traced.events");
		registry.add(consuming + "topics[0].kafka.topics[0]", () -> INCOMING);
		registry.add(consuming + "topics[0].kafka.groupId", () -> TestKafka.uniqueGroup("traced"));
		registry.add(consuming + "topics[0].kafka.fromBeginning", () -> "true");
		registry.add(consuming + "topics[1].topic", () -> "traced.shared");
		registry.add(consuming + "topics[1].kafka.topics[0]", () -> SHARED);
		registry.add(consuming + "topics[1].kafka.groupId", () -> TestKafka.uniqueGroup("traced-shared"));
		registry.add(consuming + "topics[1].kafka.fromBeginning", () -> "true");
		registry.add(consuming + "topics[1].kafka.shareGroup", () -> "true");
		String publishing = "events.modules.kafka.kafkaPublishingEventConsumer.out.";
		registry.add(publishing + "clientId", () -> "traced-out");
		registry.add(publishing + "brokers[0]", TestKafka::brokers);
		registry.add(publishing + "topics[0].topic", () -> "traced.events");
		registry.add(publishing + "topics[0].kafka.topic", () -> OUTGOING);
		registry.add(publishing + "topics[0].headers.forward", () -> "true");
	}

	@Test
	void aTraceCarriedInKafkaHeadersContinuesThroughTheHandlerIntoTheSentRecord() {
		TestKafka.send(INCOMING, 0, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "traceparent",
				"00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		ConsumerRecord<byte[], byte[]> sent = TestKafka.records(OUTGOING, 1).get(0);
		assertThat(this.handler.traceIds).containsExactly(TRACE_ID);
		List<String> traceparents = new ArrayList<>();
		sent.headers()
			.headers("traceparent")
			.forEach((header) -> traceparents.add(new String(header.value(), StandardCharsets.UTF_8)));
		assertThat(traceparents).hasSize(1);
		assertThat(traceparents.get(0)).startsWith("00-" + TRACE_ID + "-").doesNotContain("00f067aa0ba902b7");
		await().atMost(TestKafka.timeout())
			.until(() -> this.spans.stream().filter((span) -> TRACE_ID.equals(span.getTraceId())).count() >= 2);
		assertThat(this.spans).filteredOn((span) -> TRACE_ID.equals(span.getTraceId()))
			.extracting(SpanData::getKind)
			.contains(SpanKind.CONSUMER, SpanKind.PRODUCER);
	}

	@Test
	void aShareGroupMappingContinuesTheTraceCarriedInTheRecordsHeaders() {
		TestKafka.send(SHARED, 0, "{\"n\":2}".getBytes(StandardCharsets.UTF_8), "traceparent",
				"00-" + SHARED_TRACE_ID + "-00f067aa0ba902b8-01");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.sharedTraceIds.contains(SHARED_TRACE_ID));
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(this.spans).filteredOn((span) -> SHARED_TRACE_ID.equals(span.getTraceId()))
				.extracting(SpanData::getKind)
				.contains(SpanKind.CONSUMER));
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		TracedHandler tracedHandler(Tracer tracer) {
			return new TracedHandler(tracer);
		}

		@Bean
		Queue<SpanData> reportedSpans() {
			return new ConcurrentLinkedQueue<>();
		}

		@Bean
		SpanExporter collectingSpanExporter(Queue<SpanData> reportedSpans) {
			return new SpanExporter() {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					reportedSpans.addAll(spans);
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			};
		}

	}

	static class TracedHandler {

		private final Tracer tracer;

		final Queue<String> traceIds = new ConcurrentLinkedQueue<>();

		final Queue<String> sharedTraceIds = new ConcurrentLinkedQueue<>();

		TracedHandler(Tracer tracer) {
			this.tracer = tracer;
		}

		@EventHandler("traced.events")
		void handle(Map<String, Object> payload) {
			Span span = this.tracer.currentSpan();
			this.traceIds.add((span != null) ? span.context().traceId() : "no span");
		}

		@EventHandler("traced.shared")
		void handleShared(Map<String, Object> payload) {
			Span span = this.tracer.currentSpan();
			this.sharedTraceIds.add((span != null) ? span.context().traceId() : "no span");
		}

	}

}
