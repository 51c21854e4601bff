package dev.kafkaevents.actuate.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.ConsumingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Meters of the inbox of the idempotent consuming mappings: records skipped as
 * duplicates, and the rows of each mapping.
 *
 * @author kafka-events
 */
public class KafkaEventsInboxMetrics implements ConsumingObserver {

	/**
	 * Counter of records acknowledged without running the handlers, their message ids
	 * being in the inbox.
	 */
	public static final String DUPLICATES = "kafka.events.inbox.duplicates";

	/**
	 * Gauge of the inbox rows of a mapping, as counted at the latest cleanup.
	 */
	public static final String SIZE = "kafka.events.inbox.size";

	private final MeterRegistry registry;

	private final Map<String, Map<String, Counter>> duplicates = new ConcurrentHashMap<>();

	/**
	 * Create a new instance, registering the size gauge of each idempotent mapping.
	 * @param registry the meter registry
	 * @param mappings the consuming mappings
	 * @param sizes the latest counts of rows by mapping id
	 */
	public KafkaEventsInboxMetrics(MeterRegistry registry, Iterable<ConsumingMapping> mappings,
			Supplier<Map<String, Long>> sizes) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(sizes, "'sizes' must not be null");
		this.registry = registry;
		for (ConsumingMapping mapping : mappings) {
			if (mapping.idempotency() != null) {
				Gauge.builder(SIZE, () -> sizes.get().getOrDefault(mapping.id(), 0L))
					.description("Inbox rows of an idempotent mapping, as counted at the latest cleanup")
					.tags(tags(mapping))
					.register(registry);
			}
		}
	}

	@Override
	public void recordHandled(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record,
			@Nullable Throwable failure, long handlingNanos) {
	}

	@Override
	public void recordDuplicate(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record) {
		this.duplicates.computeIfAbsent(mapping.id(), (id) -> new ConcurrentHashMap<>())
			.computeIfAbsent(record.topic(), (kafkaTopic) -> Counter.builder(DUPLICATES)
				.description("Records acknowledged without running the handlers, their message ids being in the inbox")
				.tags(tags(mapping).and(KafkaEventsMeters.KAFKA_TOPIC_TAG, kafkaTopic))
				.register(this.registry))
			.increment();
	}

	private static Tags tags(ConsumingMapping mapping) {
		return Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG, mapping.id());
	}

}
