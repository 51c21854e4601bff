package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * How a consuming mapping commits offsets ({@code autoCommit}): always the offsets of
 * processed records, never the poll position.
 * <ul>
 * <li>{@code autoCommit: true} (the default): asynchronously after the records of each
 * poll are processed, as KafkaJS, Backstage's client, commits after each batch; a crash
 * redelivers about the poll in hand;</li>
 * <li>{@code autoCommit: true} with {@code auto.commit.interval.ms} in the mapping's
 * {@code properties}: asynchronously, at most once per that interval;</li>
 * <li>{@code autoCommit: false}: synchronously after the records of each poll are
 * processed.</li>
 * </ul>
 * A commit that fails for a reason that may pass (the brokers are unreachable) keeps its
 * offsets for the next commit, which idle consumers also make, so that a record is not
 * handled again once the brokers are back. The offsets of partitions given up in a
 * rebalance are committed synchronously first.
 * <p>
 * spring-kafka's {@link AckMode#BATCH} commits the same offsets, but it commits inside
 * the listener invocation and forgets the offsets of a failed commit: a synchronous
 * commit that times out while the brokers are down would reach the error handler as a
 * failure of the poll's records (retried, skipped or pausing their partition by the
 * failure policy), and the offsets would only be committed with those of a later poll.
 * Hence the listener container runs with {@link AckMode#MANUAL}, acknowledges nothing,
 * and this class keeps the processed offsets of each consumer thread. The error handler's
 * own commits (the records before a failed one, and a recovered record) use the same kind
 * of commit.
 *
 * @author kafka-events
 */
final class OffsetCommits {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final ConsumingMapping mapping;

	private final @Nullable Duration interval;

	private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

	OffsetCommits(ConsumingMapping mapping) {
		this.mapping = mapping;
		this.interval = commitInterval(mapping);
	}

	/**
	 * Let the listener container commit nothing itself, and the error handler commit the
	 * way this mapping does.
	 * @param properties the container properties to configure
	 */
	void configure(ContainerProperties properties) {
		properties.setAckMode(AckMode.MANUAL);
		properties.setSyncCommits(!this.mapping.autoCommit());
	}

	/**
	 * Return the consumer properties of the mapping with the Kafka client's auto-commit
	 * turned off.
	 * @return the consumer properties
	 */
	Map<String, Object> consumerProperties() {
		Map<String, Object> properties = new HashMap<>(this.mapping.consumerProperties());
		properties.remove(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return properties;
	}

	/**
	 * Note that a record was processed, on the thread of the consumer that received it.
	 * @param record the record
	 */
	void processed(ConsumerRecord<?, ?> record) {
		this.pending.get().offsets.put(new TopicPartition(record.topic(), record.partition()),
				new OffsetAndMetadata(record.offset() + 1));
	}

	/**
	 * Commit the processed offsets of this consumer thread, unless an interval is set and
	 * has not elapsed.
	 * @param consumer the consumer of this thread
	 */
	void commitIfDue(Consumer<?, ?> consumer) {
		Pending pending = this.pending.get();
		long now = System.nanoTime();
		if (pending.offsets.isEmpty()
				|| (this.interval != null && now - pending.lastCommit < this.interval.toNanos())) {
			return;
		}
		pending.lastCommit = now;
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending.offsets);
		pending.offsets.clear();
		if (this.mapping.autoCommit()) {
			commitAsync(consumer, pending, offsets);
		}
		else {
			commitSync(consumer, pending, offsets, consumer.assignment());
		}
	}

	/**
	 * Synchronously commit the processed offsets of partitions this consumer gives up,
	 * and forget them.
	 * @param consumer the consumer of this thread
	 * @param partitions the partitions
	 */
	void commitRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Pending pending = this.pending.get();
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending.offsets);
		offsets.keySet().retainAll(partitions);
		forget(partitions);
		if (!offsets.isEmpty()) {
			commitSync(consumer, pending, offsets, Set.of());
		}
	}

	/**
	 * Forget the processed offsets of partitions this consumer no longer owns or that
	 * were committed past by other means.
	 * @param partitions the partitions
	 */
	void forget(Collection<TopicPartition> partitions) {
		Pending pending = this.pending.get();
		partitions.forEach(pending.offsets::remove);
		partitions.forEach(pending.sent::remove);
	}

	/**
	 * Commit synchronously; a failure that may pass keeps the offsets of the given
	 * partitions for the next commit, any other is logged, and the records after the last
	 * commit come again once the group has rebalanced.
	 */
	private void commitSync(Consumer<?, ?> consumer, Pending pending, Map<TopicPartition, OffsetAndMetadata> offsets,
			Set<TopicPartition> keepFor) {
		try {
			consumer.commitSync(offsets);
			pending.failing = false;
		}
		catch (RetriableException ex) {
			keep(keepFor, pending, offsets, ex);
		}
		catch (KafkaException ex) {
			logger.warn(LogPrefix.of(this.mapping) + "could not commit offsets " + offsets
					+ "; their records will be delivered again: " + ex.getMessage());
		}
	}

	private void commitAsync(Consumer<?, ?> consumer, Pending pending, Map<TopicPartition, OffsetAndMetadata> offsets) {
		offsets.forEach((partition, offset) -> pending.sent.put(partition, offset.offset()));
		consumer.commitAsync(offsets, (committed, ex) -> {
			if (ex == null) {
				pending.failing = false;
			}
			else {
				Map<TopicPartition, OffsetAndMetadata> latest = new HashMap<>();
				offsets.forEach((partition, offset) -> {
					if (Long.valueOf(offset.offset()).equals(pending.sent.get(partition))) {
						latest.put(partition, offset);
					}
				});
				keep(consumer.assignment(), pending, latest, ex);
			}
		});
	}

	private void keep(Set<TopicPartition> assignment, Pending pending, Map<TopicPartition, OffsetAndMetadata> offsets,
			Exception ex) {
		if (offsets.isEmpty()) {
			return;
		}
		offsets.forEach((partition, offset) -> {
			if (assignment.contains(partition)) {
				pending.offsets.putIfAbsent(partition, offset);
			}
		});
		String message = LogPrefix.of(this.mapping) + "could not commit offsets " + offsets
				+ "; the next commit will include them: " + ex.getMessage();
		if (pending.failing) {
			logger.debug(message);
		}
		else {
			logger.warn(message);
			pending.failing = true;
		}
	}

	private static @Nullable Duration commitInterval(ConsumingMapping mapping) {
		Object interval = mapping.consumerProperties().get(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		return (mapping.autoCommit() && interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString()))
				: null;
	}

	/**
	 * The offsets one consumer thread processed and has not committed yet, the offsets of
	 * its latest asynchronous commit, and when it last committed.
	 */
	private static final class Pending {

		private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();

		private final Map<TopicPartition, Long> sent = new HashMap<>();

		private long lastCommit = System.nanoTime();

		private boolean failing;

	}

}
