package dev.kafkaevents.kafka.consumer;

import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.kafka.consumer.InFlightShareRecords.InFlight;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.AcknowledgingShareConsumerAwareMessageListener;
import org.springframework.kafka.support.ShareAcknowledgment;
import org.springframework.util.Assert;

/**
 * The listener of a share-group mapping: publishes each delivered record through the
 * {@link RecordDispatcher} without waiting for its subscribers, so that asynchronous
 * subscribers overlap, and has {@link ShareAcknowledgements} acknowledge it once its
 * outcome is known.
 *
 * @author kafka-events
 */
final class ShareGroupListener implements AcknowledgingShareConsumerAwareMessageListener<byte[], byte[]> {

	private final RecordDispatcher dispatcher;

	private final InFlightShareRecords inFlight;

	private final ShareAcknowledgements acknowledgements;

	private final ConsumerActivity activity;

	ShareGroupListener(RecordDispatcher dispatcher, InFlightShareRecords inFlight,
			ShareAcknowledgements acknowledgements, ConsumerActivity activity) {
		this.dispatcher = dispatcher;
		this.inFlight = inFlight;
		this.acknowledgements = acknowledgements;
		this.activity = activity;
	}

	@Override
	public void onShareRecord(ConsumerRecord<byte[], byte[]> record, @Nullable ShareAcknowledgment acknowledgment,
			ShareConsumer<?, ?> consumer) {
		Assert.state(acknowledgment != null, "Share records are acknowledged by the listener");
		consumer.acquisitionLockTimeoutMs().ifPresent(this.inFlight::lockDuration);
		InFlight delivered = this.inFlight.add(record, acknowledgment);
		if (delivered == null) {
			return;
		}
		this.activity.polled();
		CompletableFuture<Void> outcome = this.dispatcher.dispatch(record);
		outcome.whenComplete((result, failure) -> this.acknowledgements.completed(delivered,
				outcome == RecordDispatcher.FILTERED, failure));
	}

}
