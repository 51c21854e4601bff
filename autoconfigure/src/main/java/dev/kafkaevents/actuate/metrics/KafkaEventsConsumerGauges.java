package dev.kafkaevents.actuate.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.consumer.ShareGroupStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Gauges of the consuming bridges: paused partitions per mapping, the lag of every
 * partition a mapping has been assigned (zero once it is no longer assigned, never NaN),
 * and the members, records in flight and acknowledgements of share-group mappings.
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
			if (mapping.shareGroup()) {
				registerShareGroup(registry, bridge);
			}
		}
	}

	private static void registerShareGroup(MeterRegistry registry, KafkaConsumingBridge bridge) {
		ConsumingMapping mapping = bridge.getMapping();
		Tags tags = Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG,
				mapping.id());
		Gauge.builder(KafkaEventsMeters.SHARE_MEMBERS, bridge, (each) -> shareGroup(each).members())
			.description("Members of the share group in this application")
			.tags(tags)
			.register(registry);
		Gauge.builder(KafkaEventsMeters.SHARE_IN_FLIGHT, bridge, (each) -> shareGroup(each).inFlight())
			.description("Records delivered whose outcome is not known yet")
			.tags(tags)
			.register(registry);
		registerAcknowledged(registry, bridge, tags, "accept", ShareGroupStatistics::accepted);
		registerAcknowledged(registry, bridge, tags, "release", ShareGroupStatistics::released);
		registerAcknowledged(registry, bridge, tags, "reject", ShareGroupStatistics::rejected);
	}

	private static void registerAcknowledged(MeterRegistry registry, KafkaConsumingBridge bridge, Tags tags,
			String type, ToLongFunction<ShareGroupStatistics> count) {
		FunctionCounter
			.builder(KafkaEventsMeters.SHARE_ACKNOWLEDGED, bridge, (each) -> count.applyAsLong(shareGroup(each)))
			.description("Records of the share group acknowledged")
			.tags(tags.and(KafkaEventsMeters.ACKNOWLEDGEMENT_TAG, type))
			.register(registry);
	}

	private static ShareGroupStatistics shareGroup(KafkaConsumingBridge bridge) {
		ShareGroupStatistics statistics = bridge.getShareGroupStatistics();
		Assert.state(statistics != null, "Not a share-group mapping");
		return statistics;
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
