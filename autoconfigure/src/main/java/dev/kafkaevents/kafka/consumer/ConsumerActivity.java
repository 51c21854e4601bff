package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What the consumers of a mapping have been doing: lag per partition, processed,
 * filtered, duplicate and failed records, the time of the last poll with records,
 * assignment callbacks, and a warning when no partition is assigned long after start.
 *
 * @author kafka-events
 */
final class ConsumerActivity {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final Duration UNASSIGNED_WARNING_DELAY = Duration.ofSeconds(15);

	private final ConsumingMapping mapping;

	private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

	private final AtomicLong processedCount = new AtomicLong();

	private final AtomicLong failedCount = new AtomicLong();

	private final AtomicLong filteredCount = new AtomicLong();

	private final AtomicLong duplicateCount = new AtomicLong();

	private final List<java.util.function.Consumer<Collection<TopicPartition>>> assignmentListeners = new CopyOnWriteArrayList<>();

	private final AtomicBoolean unassignedWarningLogged = new AtomicBoolean();

	private volatile @Nullable Instant lastEventTime;

	private volatile long startedAt;

	ConsumerActivity(ConsumingMapping mapping) {
		this.mapping = mapping;
	}

	void started() {
		this.startedAt = System.nanoTime();
		this.unassignedWarningLogged.set(false);
	}

	void stopped() {
		this.lag.clear();
	}

	void polled() {
		this.lastEventTime = Instant.now();
	}

	void processed() {
		this.processedCount.incrementAndGet();
	}

	void failed() {
		this.failedCount.incrementAndGet();
	}

	void filtered() {
		this.filteredCount.incrementAndGet();
	}

	void duplicate() {
		this.duplicateCount.incrementAndGet();
	}

	void assigned(Collection<TopicPartition> partitions) {
		this.assignmentListeners.forEach((listener) -> listener.accept(partitions));
	}

	void addAssignmentListener(java.util.function.Consumer<Collection<TopicPartition>> listener) {
		this.assignmentListeners.add(listener);
	}

	void idle(Consumer<?, ?> consumer) {
		warnIfStillUnassigned(consumer);
		updateLag(consumer);
	}

	void updateLag(Consumer<?, ?> consumer) {
		for (TopicPartition partition : consumer.assignment()) {
			OptionalLong current = consumer.currentLag(partition);
			if (current.isPresent()) {
				this.lag.put(partition, current.getAsLong());
			}
		}
	}

	Map<TopicPartition, Long> lag(Set<TopicPartition> assigned) {
		Map<TopicPartition, Long> lag = new HashMap<>(this.lag);
		lag.keySet().retainAll(assigned);
		return lag;
	}

	long processedCount() {
		return this.processedCount.get();
	}

	long failedCount() {
		return this.failedCount.get();
	}

	long filteredCount() {
		return this.filteredCount.get();
	}

	long duplicateCount() {
		return this.duplicateCount.get();
	}

	@Nullable Instant lastEventTime() {
		return this.lastEventTime;
	}

	private void warnIfStillUnassigned(Consumer<?, ?> consumer) {
		if (!consumer.assignment().isEmpty() || this.unassignedWarningLogged.get()
				|| System.nanoTime() - this.startedAt < UNASSIGNED_WARNING_DELAY.toNanos()
				|| !this.unassignedWarningLogged.compareAndSet(false, true)) {
			return;
		}
		logger.warn(LogPrefix.of(this.mapping) + "no partitions assigned " + UNASSIGNED_WARNING_DELAY.toSeconds()
				+ "s after start: brokers " + this.mapping.brokers() + " may be unreachable, or topics "
				+ this.mapping.kafkaTopics() + " may not exist; the consumer keeps retrying with back-off");
	}

}
