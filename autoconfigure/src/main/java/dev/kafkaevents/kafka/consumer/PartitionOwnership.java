package dev.kafkaevents.kafka.consumer;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Follows which partitions a consumer of the mapping owns: commits the processed offsets
 * of partitions it gives up and forgets their kept outcomes and paused failures, and
 * announces the partitions it gets.
 *
 * @author kafka-events
 */
final class PartitionOwnership implements ConsumerAwareRebalanceListener {

	private final PipelinedBatchListener listener;

	private final FailedRecordPolicy failurePolicy;

	private final ConsumerActivity activity;

	private final OffsetCommits offsetCommits;

	PartitionOwnership(PipelinedBatchListener listener, FailedRecordPolicy failurePolicy, ConsumerActivity activity,
			OffsetCommits offsetCommits) {
		this.listener = listener;
		this.failurePolicy = failurePolicy;
		this.activity = activity;
		this.offsetCommits = offsetCommits;
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.offsetCommits.commitRevoked(consumer, partitions);
		forget(partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.offsetCommits.forget(partitions);
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
