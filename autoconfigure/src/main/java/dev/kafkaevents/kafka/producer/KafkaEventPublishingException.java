package dev.kafkaevents.kafka.producer;

import dev.kafkaevents.kafka.PublishingMapping;

import org.springframework.util.Assert;

/**
 * Thrown (through the future of the publication) when an event could not be sent to the
 * Kafka topic of a publishing mapping; the message names the instance, the events topic
 * and the Kafka topic.
 *
 * @author kafka-events
 */
public class KafkaEventPublishingException extends RuntimeException {

	private final String mappingId;

	private final String instance;

	private final String eventsTopic;

	private final String kafkaTopic;

	/**
	 * Create a new exception.
	 * @param mapping the publishing mapping that failed to send
	 * @param cause the failure reported by the Kafka client
	 */
	public KafkaEventPublishingException(PublishingMapping mapping, Throwable cause) {
		super(buildMessage(mapping, cause), cause);
		this.mappingId = mapping.id();
		this.instance = mapping.instance();
		this.eventsTopic = mapping.eventsTopic();
		this.kafkaTopic = mapping.kafkaTopic();
	}

	private static String buildMessage(PublishingMapping mapping, Throwable cause) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(cause, "'cause' must not be null");
		return "Failed to send an event of events topic '" + mapping.eventsTopic() + "' to Kafka topic '"
				+ mapping.kafkaTopic() + "' of instance '" + mapping.instance() + "' (mapping '" + mapping.id() + "'): "
				+ cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	/**
	 * Return the id of the publishing mapping.
	 * @return the mapping id
	 */
	public String getMappingId() {
		return this.mappingId;
	}

	/**
	 * Return the name of the instance.
	 * @return the instance name
	 */
	public String getInstance() {
		return this.instance;
	}

	/**
	 * Return the events topic of the event.
	 * @return the events topic
	 */
	public String getEventsTopic() {
		return this.eventsTopic;
	}

	/**
	 * Return the Kafka topic the event was sent to.
	 * @return the Kafka topic
	 */
	public String getKafkaTopic() {
		return this.kafkaTopic;
	}

}
