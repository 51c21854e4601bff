package dev.kafkaevents.kafka.producer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import dev.kafkaevents.kafka.PublishingMapping;
import org.jspecify.annotations.Nullable;

/**
 * The events topic of each payload type: the topic of the publishing mappings whose
 * {@code payloadType} the type is assignable to, resolved once per type.
 *
 * @author kafka-events
 */
final class PayloadTypes {

	private final List<PublishingMapping> typedMappings;

	private final ConcurrentMap<Class<?>, Resolution> resolutions = new ConcurrentHashMap<>();

	PayloadTypes(List<PublishingMapping> mappings) {
		this.typedMappings = mappings.stream().filter((mapping) -> mapping.payloadType() != null).toList();
	}

	/**
	 * Return the events topic of a payload type.
	 * @param type the class of the payload
	 * @return the events topic
	 * @throws IllegalArgumentException if no publishing mapping carries the type, or
	 * mappings of several events topics do
	 */
	String eventsTopic(Class<?> type) {
		Resolution resolution = this.resolutions.computeIfAbsent(type, this::resolve);
		if (resolution.eventsTopic() == null) {
			throw new IllegalArgumentException(resolution.problem());
		}
		return resolution.eventsTopic();
	}

	private Resolution resolve(Class<?> type) {
		List<PublishingMapping> carriers = this.typedMappings.stream()
			.filter((mapping) -> isCarriedBy(type, mapping))
			.toList();
		List<String> eventsTopics = carriers.stream().map(PublishingMapping::eventsTopic).distinct().toList();
		if (eventsTopics.size() == 1) {
			return new Resolution(eventsTopics.get(0), null);
		}
		if (eventsTopics.isEmpty()) {
			return new Resolution(null,
					"No Kafka events publishing mapping carries " + type.getName()
							+ ": set the payloadType of the mapping of its events topic to that class or a supertype, "
							+ "or publish an EventParams that names the events topic");
		}
		return new Resolution(null, type.getName() + " is carried to several events topics: "
				+ carriers.stream()
					.map((mapping) -> "'" + mapping.eventsTopic() + "' by mapping '" + mapping.id() + "' ("
							+ mapping.payloadType().getName() + ")")
					.collect(Collectors.joining(", "))
				+ "; publish an EventParams that names the events topic");
	}

	private static boolean isCarriedBy(Class<?> type, PublishingMapping mapping) {
		Class<?> payloadType = mapping.payloadType();
		return payloadType != null && payloadType.isAssignableFrom(type);
	}

	/**
	 * The events topic of a type, or why it has none.
	 *
	 * @param eventsTopic the events topic, or {@code null}
	 * @param problem why there is none, or {@code null}
	 */
	private record Resolution(@Nullable String eventsTopic, @Nullable String problem) {
	}

}
