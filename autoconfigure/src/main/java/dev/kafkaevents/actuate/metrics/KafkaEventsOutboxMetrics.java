package dev.kafkaevents.actuate.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.outbox.OutboxObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Meters of the transactional outbox, per mapping: rows written, sent and failed, and the
 * time from writing a row to the broker's acknowledgement.
 *
 * @author kafka-events
 */
public class KafkaEventsOutboxMetrics implements OutboxObserver {

	/**
	 * Counter of rows written to the outbox.
	 */
	public static final String WRITTEN = "kafka.events.outbox.written";

	/**
	 * Counter of rows the broker acknowledged.
	 */
	public static final String SENT = "kafka.events.outbox.sent";

	/**
	 * Counter of failed sends, with outcome {@code retry} or {@code failed} (given up).
	 */
	public static final String FAILED = "kafka.events.outbox.failed";

	/**
	 * Timer from writing a row to the broker's acknowledgement.
	 */
	public static final String DISPATCH_LATENCY = "kafka.events.outbox.dispatch.latency";

	private final MeterRegistry registry;

	private final Map<String, PublishingMapping> mappings;

	private final Map<String, Meters> meters = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry the meter registry
	 * @param mappings the publishing mappings
	 */
	public KafkaEventsOutboxMetrics(MeterRegistry registry, Iterable<PublishingMapping> mappings) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.mappings = new ConcurrentHashMap<>();
		mappings.forEach((mapping) -> this.mappings.put(mapping.id(), mapping));
	}

	@Override
	public void written(String mappingId) {
		meters(mappingId).written().increment();
	}

	@Override
	public void sent(String mappingId, Duration latency) {
		Meters meters = meters(mappingId);
		meters.sent().increment();
		meters.latency().record(latency);
	}

	@Override
	public void failed(String mappingId, boolean givenUp) {
		Meters meters = meters(mappingId);
		(givenUp ? meters.givenUp() : meters.retried()).increment();
	}

	private Meters meters(String mappingId) {
		return this.meters.computeIfAbsent(mappingId, this::register);
	}

	private Meters register(String mappingId) {
		PublishingMapping mapping = this.mappings.get(mappingId);
		Tags tags = Tags.of(KafkaEventsMeters.INSTANCE_TAG, (mapping != null) ? mapping.instance() : "unknown",
				KafkaEventsMeters.MAPPING_TAG, mappingId);
		Function<String, Counter> failed = (outcome) -> Counter.builder(FAILED)
			.description("Failed sends of outbox rows (retry: tried again later; failed: given up)")
			.tags(tags.and(KafkaEventsMeters.OUTCOME_TAG, outcome))
			.register(this.registry);
		return new Meters(
				Counter.builder(WRITTEN).description("Rows written to the outbox").tags(tags).register(this.registry),
				Counter.builder(SENT)
					.description("Outbox rows the broker acknowledged")
					.tags(tags)
					.register(this.registry),
				failed.apply("retry"), failed.apply("failed"),
				Timer.builder(DISPATCH_LATENCY)
					.description("Time from writing an outbox row to the broker's acknowledgement")
					.tags(tags)
					.publishPercentileHistogram()
					.register(this.registry));
	}

	private record Meters(Counter written, Counter sent, Counter retried, Counter givenUp, Timer latency) {

	}

}
