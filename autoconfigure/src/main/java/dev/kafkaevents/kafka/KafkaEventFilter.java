package dev.kafkaevents.kafka;

import dev.kafkaevents.events.EventParams;

/**
 * Decides whether an event crosses a mapping: for a consuming mapping, whether a record's
 * event reaches the handlers of its events topic; for a publishing mapping, whether an
 * event is sent to Kafka.
 * <p>
 * Implement it as a bean and name the bean in a mapping's {@code filterBean}, or write a
 * SpEL expression in the mapping's {@code filter}. A filter that throws fails the record
 * (consuming) or the send (publishing).
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface KafkaEventFilter {

	/**
	 * Return whether the event crosses the mapping.
	 * @param event the event; a consumed event carries its
	 * {@link EventParams#kafkaRecord() Kafka record}
	 * @return {@code true} to let it through
	 */
	boolean accept(EventParams event);

}
