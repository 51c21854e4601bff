package dev.kafkaevents.kafka.consumer;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Callback notified of every record a consuming bridge has handled, for metrics and the
 * like; called on the thread that completed the record, so implementations must be fast
 * and thread-safe.
 *
 * @author kafka-events
 */
@FunctionalInterface
public interface ConsumingObserver {

	/**
	 * Called once a record has been handled by every subscriber, or has failed.
	 * @param mapping the mapping the record belongs to
	 * @param record the record
	 * @param failure the failure, or {@code null} on success
	 * @param handlingNanos time from publishing the event to its completion
	 */
	void recordHandled(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record, @Nullable Throwable failure,
			long handlingNanos);

	/**
	 * Called when the mapping's filter turned a record away, so that no subscriber saw
	 * it.
	 * @param mapping the mapping the record belongs to
	 * @param record the record
	 * @param filterNanos time taken to read the record and evaluate the filter
	 */
	default void recordFiltered(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record, long filterNanos) {
	}

	/**
	 * Called when an idempotent mapping acknowledged a record without running the
	 * handlers, its message id being in the inbox.
	 * @param mapping the mapping the record belongs to
	 * @param record the record
	 */
	default void recordDuplicate(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record) {
	}

	/**
	 * Called once a failed record has been sent to a retry topic.
	 * @param mapping the mapping the record belongs to
	 * @param record the record
	 * @param retryTopic the retry topic it was sent to
	 */
	default void recordRetried(ConsumingMapping mapping, ConsumerRecord<?, ?> record, String retryTopic) {
	}

	/**
	 * Called once a failed record has been sent to a dead-letter topic.
	 * @param mapping the mapping the record belongs to
	 * @param record the record
	 * @param deadLetterTopic the dead-letter topic it was sent to
	 */
	default void recordDeadLettered(ConsumingMapping mapping, ConsumerRecord<?, ?> record, String deadLetterTopic) {
	}

	/**
	 * Called once a record of a dead-letter topic has been replayed.
	 * @param mapping the mapping the dead-letter topic belongs to
	 * @param deadLetterTopic the dead-letter topic
	 * @param outcome {@code replayed}, {@code failed-again} or {@code skipped}
	 */
	default void recordReplayed(ConsumingMapping mapping, String deadLetterTopic, String outcome) {
	}

}
