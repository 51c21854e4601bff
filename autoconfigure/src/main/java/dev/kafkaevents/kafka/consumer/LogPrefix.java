package dev.kafkaevents.kafka.consumer;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The words that start every log line about a consuming mapping and its records.
 *
 * @author kafka-events
 */
final class LogPrefix {

	private LogPrefix() {
	}

	static String of(ConsumingMapping mapping) {
		return "Kafka events mapping '" + mapping.id() + "' (instance '" + mapping.instance() + "'): ";
	}

	static String failure(ConsumingMapping mapping, ConsumerRecord<?, ?> record) {
		return of(mapping) + "Failed to process message at offset " + record.offset() + " on partition "
				+ record.partition() + " of topic " + record.topic();
	}

}
