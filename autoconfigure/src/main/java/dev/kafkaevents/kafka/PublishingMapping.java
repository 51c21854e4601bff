package dev.kafkaevents.kafka;

import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.format.RecordFormat;
import org.jspecify.annotations.Nullable;

/**
 * One {@code kafkaPublishingEventConsumer} mapping, resolved: an events topic sent to a
 * Kafka topic, with the complete Kafka producer properties.
 *
 * @param id stable, readable id of the mapping: {@code <instance>.<events topic>}, unique
 * within the application
 * @param instance name of the instance the mapping belongs to
 * @param clientId Kafka client id of the instance
 * @param brokers bootstrap brokers of the instance
 * @param eventsTopic events topic subscribed to
 * @param kafkaTopic Kafka topic sent to
 * @param key source of the record key (a metadata name, or a JSON pointer starting with
 * {@code /}), or {@code null} for no key
 * @param headers which metadata is sent as headers
 * @param producerProperties Kafka producer properties, secrets included
 * @param format formats of the record values and keys
 * @param filter filter deciding which events are sent, or {@code null}
 * @param payloadType type of the application objects this mapping carries, which
 * {@code KafkaEvents.publish(Object)} sends to its events topic, or {@code null}
 * @param outbox whether the records go through the transactional outbox
 * @author kafka-events
 */
public record PublishingMapping(String id, String instance, String clientId, List<String> brokers, String eventsTopic,
		String kafkaTopic, @Nullable String key, HeaderForwarding headers, Map<String, Object> producerProperties,
		RecordFormat format, @Nullable KafkaEventFilter filter, @Nullable Class<?> payloadType, boolean outbox) {

	/**
	 * Create a new mapping.
	 * @param id stable id of the mapping
	 * @param instance name of the instance
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic
	 * @param kafkaTopic Kafka topic
	 * @param key source of the record key
	 * @param headers header policy
	 * @param producerProperties Kafka producer properties
	 * @param format record formats
	 * @param filter event filter, or {@code null}
	 * @param payloadType type of the objects carried, or {@code null}
	 * @param outbox whether the records go through the transactional outbox
	 */
	public PublishingMapping {
		brokers = List.copyOf(brokers);
		producerProperties = Map.copyOf(producerProperties);
	}

	/**
	 * Create a new mapping that sends its records directly.
	 * @param id stable id of the mapping
	 * @param instance name of the instance
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic
	 * @param kafkaTopic Kafka topic
	 * @param key source of the record key
	 * @param headers header policy
	 * @param producerProperties Kafka producer properties
	 * @param format record formats
	 * @param filter event filter, or {@code null}
	 */
	public PublishingMapping(String id, String instance, String clientId, List<String> brokers, String eventsTopic,
			String kafkaTopic, @Nullable String key, HeaderForwarding headers, Map<String, Object> producerProperties,
			RecordFormat format, @Nullable KafkaEventFilter filter) {
		this(id, instance, clientId, brokers, eventsTopic, kafkaTopic, key, headers, producerProperties, format, filter,
				null, false);
	}

	@Override
	public String toString() {
		return "PublishingMapping[id=" + this.id + ", brokers=" + this.brokers + ", eventsTopic=" + this.eventsTopic
				+ ", kafkaTopic=" + this.kafkaTopic + "]";
	}

}
