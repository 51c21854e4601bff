package dev.kafkaevents.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a consumed event came from: the Kafka record behind it, the instance and mapping
 * that consumed it, and its delivery attempt.
 * <p>
 * Reach it from {@link EventParams#kafkaRecord()} or as a parameter of an
 * {@link EventHandler} method. Events published in the application have none. It is never
 * sent as Kafka headers by a publishing mapping.
 * <p>
 * The key and value are the bytes of the record as fetched, shared rather than copied:
 * treat them as read-only.
 *
 * @param instance the name of the instance that consumed the record
 * @param mapping the id of the consuming mapping, {@code <instance>.<events topic>}
 * @param topic the Kafka topic
 * @param partition the partition
 * @param offset the offset
 * @param timestamp the timestamp in milliseconds since the epoch, or {@code -1} when the
 * record has none
 * @param timestampType what the timestamp means
 * @param keyBytes the key, or {@code null} when the record has none
 * @param valueBytes the value, or {@code null} for a tombstone
 * @param deliveryAttempt the delivery attempt of the record in this application, from
 * {@code 1}
 * @author kafka-events
 */
public record KafkaRecord(String instance, String mapping, String topic, int partition, long offset, long timestamp,
		TimestampType timestampType, byte @Nullable [] keyBytes, byte @Nullable [] valueBytes, int deliveryAttempt) {

	/**
	 * Create a new instance, checking the names and the attempt.
	 * @param instance the instance name
	 * @param mapping the mapping id
	 * @param topic the Kafka topic
	 * @param partition the partition
	 * @param offset the offset
	 * @param timestamp the timestamp in milliseconds
	 * @param timestampType the timestamp type
	 * @param keyBytes the key
	 * @param valueBytes the value
	 * @param deliveryAttempt the delivery attempt
	 */
	public KafkaRecord {
		Assert.hasText(instance, "'instance' must not be empty");
		Assert.hasText(mapping, "'mapping' must not be empty");
		Assert.hasText(topic, "'topic' must not be empty");
		Assert.notNull(timestampType, "'timestampType' must not be null");
		Assert.isTrue(deliveryAttempt > 0, "'deliveryAttempt' must be positive");
	}

	/**
	 * Return the key as UTF-8 text.
	 * @return the key, or {@code null} when the record has none
	 */
	public @Nullable String key() {
		return (this.keyBytes != null) ? new String(this.keyBytes, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Return the value as UTF-8 text, whatever the mapping's value format.
	 * @return the value, or {@code null} for a tombstone
	 */
	public @Nullable String valueText() {
		return (this.valueBytes != null) ? new String(this.valueBytes, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Return the timestamp as an instant.
	 * @return the timestamp, or {@code null} when the record has none
	 */
	public @Nullable Instant time() {
		return (this.timestampType != TimestampType.NO_TIMESTAMP && this.timestamp >= 0)
				? Instant.ofEpochMilli(this.timestamp) : null;
	}

	/**
	 * Return the topic, partition and offset of the record.
	 * @return {@code <topic>-<partition>@<offset>}
	 */
	public String coordinates() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof KafkaRecord that && this.offset == that.offset
				&& this.partition == that.partition && this.topic.equals(that.topic)
				&& this.mapping.equals(that.mapping) && this.deliveryAttempt == that.deliveryAttempt);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.topic.hashCode() + this.partition) + Long.hashCode(this.offset);
	}

	@Override
	public String toString() {
		return "KafkaRecord[" + this.mapping + " " + coordinates() + ", attempt " + this.deliveryAttempt + "]";
	}

	/**
	 * What the timestamp of a record means.
	 */
	public enum TimestampType {

		/**
		 * The record has no timestamp.
		 */
		NO_TIMESTAMP,

		/**
		 * The time the producer created the record.
		 */
		CREATE_TIME,

		/**
		 * The time the broker appended the record to its log.
		 */
		LOG_APPEND_TIME

	}

}
