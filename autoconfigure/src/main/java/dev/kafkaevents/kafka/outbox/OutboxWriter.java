package dev.kafkaevents.kafka.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.producer.PublishingRecordWriter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Writes the records of outbox-backed mappings to the outbox table, in the caller's
 * transaction when there is one (JDBC or JPA, through the transaction-bound connection of
 * the {@code DataSource}), or committed on its own otherwise. Each record gets a stable
 * {@link #EVENT_ID_HEADER event id header} and the lane of its topic and key. The
 * dispatcher is woken up after commit, once per transaction, or at once without one.
 *
 * @author kafka-events
 */
public class OutboxWriter implements PublishingRecordWriter {

	/**
	 * Header carrying the event id, a UUID that stays the same across resends.
	 */
	public static final String EVENT_ID_HEADER = "kafka-events-event-id";

	private final OutboxRepository repository;

	private final int lanes;

	private final Runnable wakeUp;

	private final OutboxObserver observer;

	private final Clock clock;

	private final Object transactionKey = new Object();

	/**
	 * Create a new writer.
	 * @param repository the rows
	 * @param lanes number of lanes
	 * @param wakeUp what wakes the dispatcher up
	 * @param observer told of each written row
	 * @param clock the clock of the row times
	 */
	public OutboxWriter(OutboxRepository repository, int lanes, Runnable wakeUp, OutboxObserver observer, Clock clock) {
		Assert.notNull(repository, "'repository' must not be null");
		Assert.isTrue(lanes > 0, "'lanes' must be positive");
		Assert.notNull(wakeUp, "'wakeUp' must not be null");
		Assert.notNull(observer, "'observer' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.repository = repository;
		this.lanes = lanes;
		this.wakeUp = wakeUp;
		this.observer = observer;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Void> write(PublishingMapping mapping, ProducerRecord<byte[], byte[]> record) {
		String eventId = UUID.randomUUID().toString();
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		headers.add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
		this.repository.insert(eventId, mapping.id(), lane(record, eventId), record.topic(), record.key(),
				record.value(), OutboxHeaders.encode(headers), this.clock.instant());
		this.observer.written(mapping.id());
		wakeUpAfterCommit();
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Return the lane of a record: from its topic and key, so that the records of a key
	 * keep their order, or from its event id for a record without key.
	 * @param record the record
	 * @param eventId the event id
	 * @return the lane
	 */
	int lane(ProducerRecord<byte[], byte[]> record, String eventId) {
		int hash = (record.key() != null) ? 31 * record.topic().hashCode() + Arrays.hashCode(record.key())
				: eventId.hashCode();
		return Math.floorMod(hash, this.lanes);
	}

	private void wakeUpAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.wakeUp.run();
			return;
		}
		if (TransactionSynchronizationManager.hasResource(this.transactionKey)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this.transactionKey, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				OutboxWriter.this.wakeUp.run();
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this.transactionKey);
			}

		});
	}

}
