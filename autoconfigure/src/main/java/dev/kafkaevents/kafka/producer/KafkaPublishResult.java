package dev.kafkaevents.kafka.producer;

import java.util.List;

import dev.kafkaevents.events.EventParams;

import org.springframework.util.Assert;

/**
 * The outcome of an event published through {@link KafkaEvents}: the event as its
 * subscribers received it, and the Kafka record each publishing mapping of its events
 * topic produced for it.
 *
 * @param event the event delivered to the subscribers of its topic
 * @param records the records produced for the event, one per publishing mapping that sent
 * it, in configuration order; empty when no mapping sent it
 * @author kafka-events
 */
public record KafkaPublishResult(EventParams event, List<PublishedRecord> records) {

	/**
	 * Create a new instance.
	 * @param event the event
	 * @param records the records produced for it
	 */
	public KafkaPublishResult {
		Assert.notNull(event, "'event' must not be null");
		records = List.copyOf(records);
	}

}
