package dev.kafkaevents.kafka;

import java.util.List;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * The named Kafka instances of the application and their mappings, resolved from
 * configuration; the single source the bridges, the templates, the endpoint, the health
 * contributor and the metrics read.
 *
 * @author kafka-events
 */
public final class KafkaInstanceRegistry {

	private final List<KafkaInstance> instances;

	private final List<ConsumingMapping> consumingMappings;

	private final List<PublishingMapping> publishingMappings;

	/**
	 * Create a new registry.
	 * @param instances the instances, the consuming ones first, each kind in
	 * configuration order
	 */
	public KafkaInstanceRegistry(List<KafkaInstance> instances) {
		Assert.notNull(instances, "'instances' must not be null");
		this.instances = List.copyOf(instances);
		this.consumingMappings = this.instances.stream()
			.flatMap((instance) -> instance.consumingMappings().stream())
			.toList();
		this.publishingMappings = this.instances.stream()
			.flatMap((instance) -> instance.publishingMappings().stream())
			.toList();
	}

	/**
	 * Return every instance: the consuming instances in configuration order, then the
	 * publishing-only instances in configuration order.
	 * @return the instances
	 */
	public List<KafkaInstance> getInstances() {
		return this.instances;
	}

	/**
	 * Find an instance by name.
	 * @param name the instance name
	 * @return the instance of that name, if any
	 */
	public Optional<KafkaInstance> getInstance(String name) {
		return this.instances.stream().filter((instance) -> instance.name().equals(name)).findFirst();
	}

	/**
	 * Return every consuming mapping, instance by instance in the order of
	 * {@link #getInstances()}, each instance's in configuration order.
	 * @return the consuming mappings
	 */
	public List<ConsumingMapping> getConsumingMappings() {
		return this.consumingMappings;
	}

	/**
	 * Return every publishing mapping, instance by instance in the order of
	 * {@link #getInstances()} (so an instance that also consumes comes before the
	 * publishing-only ones), each instance's in configuration order.
	 * @return the publishing mappings
	 */
	public List<PublishingMapping> getPublishingMappings() {
		return this.publishingMappings;
	}

	/**
	 * Find a consuming mapping by id.
	 * @param id the mapping id
	 * @return the consuming mapping with that id, if any
	 */
	public Optional<ConsumingMapping> findConsumingMapping(String id) {
		return this.consumingMappings.stream().filter((mapping) -> mapping.id().equals(id)).findFirst();
	}

	/**
	 * Find a publishing mapping by id.
	 * @param id the mapping id
	 * @return the publishing mapping with that id, if any
	 */
	public Optional<PublishingMapping> findPublishingMapping(String id) {
		return this.publishingMappings.stream().filter((mapping) -> mapping.id().equals(id)).findFirst();
	}

	@Override
	public String toString() {
		return "KafkaInstanceRegistry[instances=" + this.instances + "]";
	}

}
