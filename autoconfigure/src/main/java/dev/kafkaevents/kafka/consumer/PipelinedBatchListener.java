package dev.kafkaevents.kafka.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.util.Assert;

/**
 * The batch listener of a consuming mapping: publishes the records of a poll without
 * waiting for one another, so that asynchronous subscribers overlap, then waits for their
 * outcomes in order and reports the first failed record to the container's error handler
 * with a {@link BatchListenerFailedException}. The offsets of processed records are
 * committed by {@link OffsetCommits}.
 *
 * @author kafka-events
 */
final class PipelinedBatchListener implements BatchConsumerAwareMessageListener<byte[], byte[]> {

	private final RecordDispatcher dispatcher;

	private final FailedRecordPolicy failurePolicy;

	private final ConsumerActivity activity;

	private final ConsumerThreadTasks tasks;

	private final OffsetCommits offsetCommits;

	private final ThreadLocal<Map<TopicPartition, Map<Long, CompletableFuture<Void>>>> keptOutcomes = ThreadLocal
		.withInitial(HashMap::new);

	PipelinedBatchListener(RecordDispatcher dispatcher, FailedRecordPolicy failurePolicy, ConsumerActivity activity,
			ConsumerThreadTasks tasks, OffsetCommits offsetCommits) {
		this.dispatcher = dispatcher;
		this.failurePolicy = failurePolicy;
		this.activity = activity;
		this.tasks = tasks;
		this.offsetCommits = offsetCommits;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Consumer<?, ?> consumer) {
		Assert.state(consumer != null, "A consumer is required");
		this.tasks.runFor(consumer);
		this.activity.polled();
		List<Dispatched> dispatched = dispatch(records);
		@Nullable ConsumerRecord<byte[], byte[]> processed = null;
		for (int i = 0; i < dispatched.size(); i++) {
			Dispatched each = dispatched.get(i);
			Throwable failure = failureOf(each.outcome());
			if (failure != null) {
				processedUpTo(processed);
				this.activity.updateLag(consumer);
				keepOutcomes(dispatched.subList(i + 1, dispatched.size()));
				throw this.failurePolicy.failedRecord(failure, each.record());
			}
			if (each.outcome() == RecordDispatcher.FILTERED) {
				this.activity.filtered();
			}
			else {
				this.activity.processed();
			}
			if (processed != null && !samePartition(processed, each.record())) {
				processedUpTo(processed);
			}
			processed = each.record();
		}
		processedUpTo(processed);
		this.offsetCommits.commitIfDue(consumer);
		this.activity.updateLag(consumer);
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		throw new UnsupportedOperationException("A consumer is required");
	}

	/**
	 * Note the last processed record of a run of records of one partition, which a poll
	 * delivers together, rather than each record.
	 */
	private void processedUpTo(@Nullable ConsumerRecord<byte[], byte[]> record) {
		if (record != null) {
			this.offsetCommits.processed(record);
		}
	}

	private static boolean samePartition(ConsumerRecord<?, ?> first, ConsumerRecord<?, ?> second) {
		return first.partition() == second.partition() && first.topic().equals(second.topic());
	}

	/**
	 * Forget the kept outcomes of partitions this consumer no longer owns.
	 * @param partitions the partitions
	 */
	void forget(Collection<TopicPartition> partitions) {
		partitions.forEach(this.keptOutcomes.get()::remove);
	}

	/**
	 * Publish the records of a poll without waiting for one another. A record delivered
	 * again after an earlier record's failure keeps the outcome of its first publication;
	 * the records that follow a synchronous failure in its partition wait for the error
	 * handler to deliver them again.
	 */
	private List<Dispatched> dispatch(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Dispatched> dispatched = new ArrayList<>(records.size());
		Map<TopicPartition, Map<Long, CompletableFuture<Void>>> kept = this.keptOutcomes.get();
		Set<TopicPartition> failedSynchronously = null;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (failedSynchronously != null && failedSynchronously.contains(partitionOf(record))) {
				continue;
			}
			CompletableFuture<Void> outcome = keptOutcome(kept, record);
			if (outcome == null) {
				outcome = this.dispatcher.dispatch(record);
			}
			if (outcome.isCompletedExceptionally()) {
				failedSynchronously = (failedSynchronously != null) ? failedSynchronously : new HashSet<>();
				failedSynchronously.add(partitionOf(record));
			}
			dispatched.add(new Dispatched(record, outcome));
		}
		kept.values().removeIf(Map::isEmpty);
		return dispatched;
	}

	private static @Nullable CompletableFuture<Void> keptOutcome(
			Map<TopicPartition, Map<Long, CompletableFuture<Void>>> kept, ConsumerRecord<byte[], byte[]> record) {
		if (kept.isEmpty()) {
			return null;
		}
		Map<Long, CompletableFuture<Void>> partitionOutcomes = kept.get(partitionOf(record));
		return (partitionOutcomes != null) ? partitionOutcomes.remove(record.offset()) : null;
	}

	private void keepOutcomes(List<Dispatched> dispatched) {
		Map<TopicPartition, Map<Long, CompletableFuture<Void>>> kept = this.keptOutcomes.get();
		for (Dispatched each : dispatched) {
			kept.computeIfAbsent(partitionOf(each.record()), (partition) -> new HashMap<>())
				.put(each.record().offset(), each.outcome());
		}
	}

	private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
		return new TopicPartition(record.topic(), record.partition());
	}

	private static @Nullable Throwable failureOf(CompletableFuture<Void> outcome) {
		try {
			outcome.join();
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * A record handed to the events service, with the outcome of its publication.
	 */
	private record Dispatched(ConsumerRecord<byte[], byte[]> record, CompletableFuture<Void> outcome) {

	}

}
