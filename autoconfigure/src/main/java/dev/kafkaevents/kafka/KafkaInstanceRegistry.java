package dev.kafkaevents.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * The named Kafka instances of the application and their mappings, resolved from
 * configuration; the single source the bridges, the endpoint and the health indicator
 * read.
 *
 * @author kafka-events
 */
public final class KafkaInstanceRegistry {

	private final List<ConsumingMapping> consumingMappings;

	private final Map<String, Map<String, Object>> publishingInstances;

	private final List<PublishingMapping> publishingMappings;

	/**
	 * Create a new registry.
	 * @param consumingMappings the consuming mappings, in configuration order
	 * @param publishingInstances instance-level producer properties by publishing
	 * instance name, in configuration order
	 * @param publishingMappings the publishing mappings, in configuration order
	 */
	public KafkaInstanceRegistry(List<ConsumingMapping> consumingMappings,
			Map<String, Map<String, Object>> publishingInstances, List<PublishingMapping> publishingMappings) {
		Assert.notNull(consumingMappings, "'consumingMappings' must not be null");
		Assert.notNull(publishingInstances, "'publishingInstances' must not be null");
		Assert.notNull(publishingMappings, "'publishingMappings' must not be null");
		this.consumingMappings = List.copyOf(consumingMappings);
		this.publishingInstances = Collections.unmodifiableMap(new LinkedHashMap<>(publishingInstances));
		this.publishingMappings = List.copyOf(publishingMappings);
	}

	/**
	 * Return every consuming mapping, in configuration order.
	 * @return the consuming mappings
	 */
	public List<ConsumingMapping> getConsumingMappings() {
		return this.consumingMappings;
	}

	/**
	 * Return every publishing mapping, in configuration order.
	 * @return the publishing mappings
	 */
	public List<PublishingMapping> getPublishingMappings() {
		return this.publishingMappings;
	}

	/**
	 * Return the instance-level producer properties of each publishing instance, by name:
	 * what a per-instance producer factory and {@code KafkaTemplate} are built from.
	 * @return producer properties by instance name
	 */
	public Map<String, Map<String, Object>> getPublishingInstances() {
		return this.publishingInstances;
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
		return "KafkaInstanceRegistry[consuming=" + this.consumingMappings + ", publishing=" + this.publishingMappings
				+ "]";
	}

}
