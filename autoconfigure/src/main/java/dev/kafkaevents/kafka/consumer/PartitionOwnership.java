package dev.kafkaevents.kafka.consumer;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Follows which partitions a consumer of the mapping owns: forgets the kept outcomes and
 * paused failures of partitions it gives up, and announces the partitions it gets.
 *
 * @author kafka-events
 */
final class PartitionOwnership implements ConsumerAwareRebalanceListener {

	private final PipelinedBatchListener listener;

	private final FailedRecordPolicy failurePolicy;

	private final ConsumerActivity activity;

	PartitionOwnership(PipelinedBatchListener listener, FailedRecordPolicy failurePolicy, ConsumerActivity activity) {
		this.listener = listener;
		this.failurePolicy = failurePolicy;
		this.activity = activity;
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		forget(partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		forget(partitions);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.activity.assigned(partitions);
	}

	private void forget(Collection<TopicPartition> partitions) {
		this.listener.forget(partitions);
		this.failurePolicy.forget(partitions);
	}

}
