package dev.kafkaevents.actuate.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Gauges of the consuming bridges: paused partitions per mapping, and the lag of every
 * partition a mapping has been assigned (zero once it is no longer assigned, never NaN).
 *
 * @author kafka-events
 */
public class KafkaEventsConsumerGauges implements MeterBinder {

	private final KafkaConsumingBridges bridges;

	private final Set<String> registeredLagGauges = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param bridges the consuming bridges
	 */
	public KafkaEventsConsumerGauges(KafkaConsumingBridges bridges) {
		Assert.notNull(bridges, "'bridges' must not be null");
		this.bridges = bridges;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		for (KafkaConsumingBridge bridge : this.bridges.getBridges()) {
			ConsumingMapping mapping = bridge.getMapping();
			Gauge.builder(KafkaEventsMeters.PAUSED_PARTITIONS, bridge, (each) -> each.getPausedPartitions().size())
				.description("Partitions paused by an operator or on error")
				.tags(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG, mapping.id())
				.register(registry);
			bridge.addAssignmentListener(
					(partitions) -> partitions.forEach((partition) -> registerLag(bridge, partition)));
		}
	}

	private void registerLag(KafkaConsumingBridge bridge, TopicPartition partition) {
		ConsumingMapping mapping = bridge.getMapping();
		MeterRegistry registry = this.registry;
		if (registry == null || !this.registeredLagGauges.add(mapping.id() + "\u0000" + partition)) {
			return;
		}
		Gauge.builder(KafkaEventsMeters.LAG, bridge, (each) -> each.getLag().getOrDefault(partition, 0L))
			.description("Records between the consumer's position and the end of the partition")
			.tags(Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG,
					mapping.id(), KafkaEventsMeters.KAFKA_TOPIC_TAG, partition.topic(), KafkaEventsMeters.PARTITION_TAG,
					String.valueOf(partition.partition())))
			.register(registry);
	}

}
