package dev.kafkaevents.kafka.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The delivery count a share group's broker gives each record it delivers, as the
 * record's delivery attempt.
 *
 * @author kafka-events
 */
final class ShareDeliveries {

	private ShareDeliveries() {
	}

	/**
	 * Return the delivery attempt of a record of a share group.
	 * @param record the record
	 * @return its delivery count, from {@code 1}
	 */
	static int attempt(ConsumerRecord<?, ?> record) {
		return record.deliveryCount().map(Short::intValue).orElse(1);
	}

}
