package dev.kafkaevents.kafka.producer;

import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the records of a publishing mapping go instead of its {@code KafkaTemplate}, such
 * as a transactional outbox: the record is exactly the one the template would have sent.
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface PublishingRecordWriter {

	/**
	 * Write the record of an event.
	 * @param mapping the publishing mapping the record belongs to
	 * @param record the record, as it would be sent
	 * @return a future that completes once the record is written
	 */
	CompletableFuture<Void> write(PublishingMapping mapping, ProducerRecord<byte[], byte[]> record);

}
