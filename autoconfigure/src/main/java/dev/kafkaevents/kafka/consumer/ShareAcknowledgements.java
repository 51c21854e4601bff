package dev.kafkaevents.kafka.consumer;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.InFlightShareRecords.InFlight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Acknowledges each record of a share-group mapping once its outcome is known
 * ({@code retry.attempts}, {@code deadLetterTopic}): accepts it when every subscriber
 * succeeded; releases a failed record for the broker to deliver again while its delivery
 * count is below the mapping's attempts; rejects it after its last attempt, or at once
 * for a poison record or a type in {@code retry.notRetryable}, after sending it to the
 * dead-letter topic when the mapping has one. A record that cannot be dead-lettered is
 * released rather than rejected, so that nothing vanishes. Failures are handled on an
 * executor of their own, never on the thread that completed the record.
 *
 * @author kafka-events
 */
final class ShareAcknowledgements {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final ConsumingMapping mapping;

	private final InFlightShareRecords inFlight;

	private final FailedRecordPolicy failurePolicy;

	private final ConsumerActivity activity;

	private final Executor failureExecutor;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong released = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	ShareAcknowledgements(ConsumingMapping mapping, InFlightShareRecords inFlight, FailedRecordPolicy failurePolicy,
			ConsumerActivity activity, Executor failureExecutor) {
		this.mapping = mapping;
		this.inFlight = inFlight;
		this.failurePolicy = failurePolicy;
		this.activity = activity;
		this.failureExecutor = failureExecutor;
	}

	/**
	 * Acknowledge a record whose outcome is known.
	 * @param record the record
	 * @param filtered whether the mapping's filter turned it away
	 * @param failure why it failed, or {@code null}
	 */
	void completed(InFlight record, boolean filtered, @Nullable Throwable failure) {
		if (failure == null) {
			if (filtered) {
				this.activity.filtered();
			}
			else {
				this.activity.processed();
			}
			acknowledge(record, AcknowledgeType.ACCEPT);
			return;
		}
		this.failureExecutor.execute(() -> failed(record, RecordDispatcher.unwrap(failure)));
	}

	private void failed(InFlight inFlight, Throwable failure) {
		ConsumerRecord<byte[], byte[]> record = inFlight.record();
		int attempt = ShareDeliveries.attempt(record);
		String message = LogPrefix.failure(this.mapping, record) + " on delivery " + attempt;
		if (this.failurePolicy.isRetryable(failure) && attempt < this.mapping.retry().attempts()) {
			logger.warn(message + "; releasing it for delivery " + (attempt + 1) + ": " + failure);
			acknowledge(inFlight, AcknowledgeType.RELEASE);
			return;
		}
		this.activity.failed();
		if (this.mapping.deadLetterTopics().isEmpty()) {
			logger.error(message + "; rejecting it", failure);
		}
		else if (!this.failurePolicy.forwarder().forward(record, failure, null)) {
			acknowledge(inFlight, AcknowledgeType.RELEASE);
			return;
		}
		this.activity.processed();
		acknowledge(inFlight, AcknowledgeType.REJECT);
	}

	private void acknowledge(InFlight record, AcknowledgeType type) {
		this.inFlight.acknowledge(record, type);
		switch (type) {
			case ACCEPT -> this.accepted.incrementAndGet();
			case RELEASE -> this.released.incrementAndGet();
			default -> this.rejected.incrementAndGet();
		}
	}

	long accepted() {
		return this.accepted.get();
	}

	long released() {
		return this.released.get();
	}

	long rejected() {
		return this.rejected.get();
	}

}
