package dev.kafkaevents.actuate.metrics;

import java.util.function.ToDoubleFunction;

import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridge;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Counters of the events the publishing bridges sent to Kafka, read from the bridges' own
 * counts so that sending pays nothing for them.
 *
 * @author kafka-events
 */
public class KafkaEventsPublishingMetrics implements MeterBinder {

	private final KafkaPublishingBridges bridges;

	/**
	 * Create a new instance.
	 * @param bridges the publishing bridges
	 */
	public KafkaEventsPublishingMetrics(KafkaPublishingBridges bridges) {
		Assert.notNull(bridges, "'bridges' must not be null");
		this.bridges = bridges;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (KafkaPublishingBridge bridge : this.bridges.getBridges()) {
			register(registry, bridge, "success", KafkaPublishingBridge::getSentCount);
			register(registry, bridge, "failure", KafkaPublishingBridge::getFailedCount);
			register(registry, bridge, "skipped", KafkaPublishingBridge::getSkippedEchoCount);
			register(registry, bridge, "filtered", KafkaPublishingBridge::getFilteredCount);
		}
	}

	private static void register(MeterRegistry registry, KafkaPublishingBridge bridge, String outcome,
			ToDoubleFunction<KafkaPublishingBridge> count) {
		PublishingMapping mapping = bridge.getMapping();
		FunctionCounter.builder(KafkaEventsMeters.PUBLISHED, bridge, count)
			.description(
					"Events sent to Kafka (skipped: came from the same Kafka topic; filtered: turned away by the filter)")
			.tags(Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG,
					mapping.id(), KafkaEventsMeters.TOPIC_TAG, mapping.eventsTopic(), KafkaEventsMeters.KAFKA_TOPIC_TAG,
					mapping.kafkaTopic(), KafkaEventsMeters.OUTCOME_TAG, outcome))
			.register(registry);
	}

}
