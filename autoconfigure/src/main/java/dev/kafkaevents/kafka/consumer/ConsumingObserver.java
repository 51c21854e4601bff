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

}
