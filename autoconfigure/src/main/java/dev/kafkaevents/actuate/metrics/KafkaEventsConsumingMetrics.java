package dev.kafkaevents.actuate.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.ConsumingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Counts and times the records the consuming bridges handle.
 *
 * @author kafka-events
 */
public class KafkaEventsConsumingMetrics implements ConsumingObserver {

	private final MeterRegistry registry;

	private final Map<String, Meters> meters = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry the registry meters are registered in
	 */
	public KafkaEventsConsumingMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void recordHandled(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record,
			@Nullable Throwable failure, long handlingNanos) {
		String outcome = (failure != null) ? "failure" : "success";
		Meters meters = this.meters.computeIfAbsent(mapping.id() + "\u0000" + record.topic() + "\u0000" + outcome,
				(key) -> register(mapping, record.topic(), outcome));
		meters.received().increment();
		meters.handling().record(handlingNanos, TimeUnit.NANOSECONDS);
	}

	private Meters register(ConsumingMapping mapping, String kafkaTopic, String outcome) {
		Tags tags = Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG,
				mapping.id(), KafkaEventsMeters.TOPIC_TAG, mapping.eventsTopic(), KafkaEventsMeters.KAFKA_TOPIC_TAG,
				kafkaTopic, KafkaEventsMeters.OUTCOME_TAG, outcome);
		Counter received = Counter.builder(KafkaEventsMeters.RECEIVED)
			.description("Records received from Kafka")
			.tags(tags)
			.register(this.registry);
		Timer handling = Timer.builder(KafkaEventsMeters.HANDLING)
			.description("Handling of received records by every subscriber")
			.tags(tags)
			.register(this.registry);
		return new Meters(received, handling);
	}

	private record Meters(Counter received, Timer handling) {

	}

}
