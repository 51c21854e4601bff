package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.ShareAcknowledgment;

/**
 * The records of a share-group mapping whose outcome is not known yet, each with the
 * acknowledgement of its latest delivery; renews the acquisition lock of those handled
 * longer than half the lock's duration, so that a slow handler keeps its record. The
 * Kafka 4.2 share consumer hands a renewed record to the listener again: that delivery
 * takes the place of the previous one, and the next renewal waits for it.
 *
 * @author kafka-events
 */
final class InFlightShareRecords {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final Map<Key, InFlight> records = new ConcurrentHashMap<>();

	private volatile Duration lockDuration = Duration.ofSeconds(30);

	/**
	 * Note the acquisition lock duration a share consumer was given.
	 * @param lockDurationMs the duration in milliseconds
	 */
	void lockDuration(int lockDurationMs) {
		this.lockDuration = Duration.ofMillis(lockDurationMs);
	}

	/**
	 * Add a delivered record; a record already in flight, delivered again after its lock
	 * was renewed, keeps its outcome and takes the new acknowledgement.
	 * @param record the record
	 * @param acknowledgment the acknowledgement of this delivery
	 * @return the record in flight, or {@code null} if it was in flight already
	 */
	@Nullable InFlight add(ConsumerRecord<byte[], byte[]> record, ShareAcknowledgment acknowledgment) {
		Key key = Key.of(record);
		InFlight added = new InFlight(key, record, acknowledgment);
		InFlight existing = this.records.putIfAbsent(key, added);
		if (existing == null) {
			return added;
		}
		existing.redelivered(acknowledgment);
		return null;
	}

	/**
	 * Acknowledge a record in flight and forget it.
	 * @param inFlight the record
	 * @param type how
	 */
	void acknowledge(InFlight inFlight, AcknowledgeType type) {
		inFlight.acknowledge(type);
		this.records.remove(inFlight.key, inFlight);
	}

	/**
	 * Renew the lock of each record in flight for longer than half the lock duration
	 * since its delivery or last renewal.
	 */
	void renewDue() {
		long due = System.nanoTime() - this.lockDuration.toNanos() / 2;
		this.records.values().forEach((inFlight) -> inFlight.renewIfDue(due));
	}

	/**
	 * Return how many records are in flight.
	 * @return the count
	 */
	int size() {
		return this.records.size();
	}

	/**
	 * Forget every record, when the consumers stop: the broker delivers them again.
	 */
	void clear() {
		this.records.clear();
	}

	/**
	 * A record in flight.
	 */
	static final class InFlight {

		private final Key key;

		private final ConsumerRecord<byte[], byte[]> record;

		private ShareAcknowledgment acknowledgment;

		private long lockedAt = System.nanoTime();

		private boolean acknowledged;

		private boolean renewed;

		private InFlight(Key key, ConsumerRecord<byte[], byte[]> record, ShareAcknowledgment acknowledgment) {
			this.key = key;
			this.record = record;
			this.acknowledgment = acknowledgment;
		}

		ConsumerRecord<byte[], byte[]> record() {
			return this.record;
		}

		private synchronized void redelivered(ShareAcknowledgment acknowledgment) {
			this.acknowledgment = acknowledgment;
			this.lockedAt = System.nanoTime();
			this.renewed = false;
		}

		private synchronized void acknowledge(AcknowledgeType type) {
			if (this.acknowledged) {
				return;
			}
			this.acknowledged = true;
			switch (type) {
				case ACCEPT -> this.acknowledgment.acknowledge();
				case RELEASE -> this.acknowledgment.release();
				default -> this.acknowledgment.reject();
			}
		}

		private synchronized void renewIfDue(long due) {
			if (this.acknowledged || this.renewed || this.lockedAt > due) {
				return;
			}
			try {
				this.acknowledgment.renew();
				this.renewed = true;
			}
			catch (IllegalStateException ex) {
				logger.debug("Could not renew the lock of " + this.key + ": " + ex.getMessage());
			}
		}

	}

	/**
	 * Where a record is.
	 */
	private record Key(TopicPartition partition, long offset) {

		static Key of(ConsumerRecord<?, ?> record) {
			return new Key(new TopicPartition(record.topic(), record.partition()), record.offset());
		}

	}

}
