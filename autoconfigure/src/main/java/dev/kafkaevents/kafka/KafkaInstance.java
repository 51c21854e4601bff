package dev.kafkaevents.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One named Kafka instance: how its consuming and publishing sides connect, and their
 * mappings. A name used under both {@code kafkaConsumingEventPublisher} and
 * {@code kafkaPublishingEventConsumer} is one instance with both sides.
 *
 * @param name name of the instance
 * @param consuming connection of the consuming side, or {@code null} when the instance
 * only publishes
 * @param publishing connection of the publishing side, or {@code null} when the instance
 * only consumes
 * @param consumingMappings the consuming mappings, in configuration order
 * @param publishingMappings the publishing mappings, in configuration order
 * @author kafka-events
 */
public record KafkaInstance(String name, @Nullable KafkaConnection consuming, @Nullable KafkaConnection publishing,
		List<ConsumingMapping> consumingMappings, List<PublishingMapping> publishingMappings) {

	/**
	 * Create a new instance.
	 * @param name name of the instance
	 * @param consuming connection of the consuming side, or {@code null}
	 * @param publishing connection of the publishing side, or {@code null}
	 * @param consumingMappings the consuming mappings
	 * @param publishingMappings the publishing mappings
	 */
	public KafkaInstance {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(consuming != null || publishing != null, "'consuming' or 'publishing' must be set");
		consumingMappings = List.copyOf(consumingMappings);
		publishingMappings = List.copyOf(publishingMappings);
	}

	/**
	 * Return the connections of the instance that reach distinct clusters: one when both
	 * sides use the same brokers (compared as sets), two when they differ.
	 * @return the connections, the consuming side's first
	 */
	public List<KafkaConnection> distinctClusters() {
		Map<String, KafkaConnection> byCluster = new LinkedHashMap<>();
		for (KafkaConnection connection : connections()) {
			byCluster.putIfAbsent(connection.cluster(), connection);
		}
		return List.copyOf(byCluster.values());
	}

	private List<KafkaConnection> connections() {
		List<KafkaConnection> connections = new ArrayList<>(2);
		if (this.consuming != null) {
			connections.add(this.consuming);
		}
		if (this.publishing != null) {
			connections.add(this.publishing);
		}
		return connections;
	}

	@Override
	public String toString() {
		return "KafkaInstance[name=" + this.name + ", consuming=" + this.consuming + ", publishing=" + this.publishing
				+ ", consumingMappings=" + this.consumingMappings + ", publishingMappings=" + this.publishingMappings
				+ "]";
	}

}
