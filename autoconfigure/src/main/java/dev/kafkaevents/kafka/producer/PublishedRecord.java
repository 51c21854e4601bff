package dev.kafkaevents.kafka.producer;

import java.time.Instant;

import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.util.Assert;

/**
 * Where the Kafka record that a publishing mapping produced for an event landed, as the
 * broker acknowledged it.
 *
 * @param mappingId id of the publishing mapping that sent the record
 * @param instance name of the instance the mapping belongs to
 * @param topic Kafka topic of the record
 * @param partition partition of the record
 * @param offset offset of the record in its partition, or {@code -1} when the producer
 * does not wait for the broker ({@code acks=0})
 * @param timestamp timestamp of the record: its create time, or the broker's append time
 * when the topic uses {@code LogAppendTime}
 * @author kafka-events
 */
public record PublishedRecord(String mappingId, String instance, String topic, int partition, long offset,
		Instant timestamp) {

	/**
	 * Create a new instance.
	 * @param mappingId id of the publishing mapping
	 * @param instance name of the instance
	 * @param topic Kafka topic
	 * @param partition partition
	 * @param offset offset
	 * @param timestamp timestamp
	 */
	public PublishedRecord {
		Assert.hasText(mappingId, "'mappingId' must not be empty");
		Assert.hasText(instance, "'instance' must not be empty");
		Assert.hasText(topic, "'topic' must not be empty");
		Assert.notNull(timestamp, "'timestamp' must not be null");
	}

	static PublishedRecord of(String mappingId, String instance, RecordMetadata metadata) {
		return new PublishedRecord(mappingId, instance, metadata.topic(), metadata.partition(), metadata.offset(),
				Instant.ofEpochMilli(metadata.timestamp()));
	}

}
