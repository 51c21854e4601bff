package dev.kafkaevents.kafka.consumer;

import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Work that must run on the consumer thread that owns a partition, such as committing
 * past a skipped record, queued by operators and run when that thread next polls or
 * idles; a task that fails is logged, never taken for a failure of the records.
 *
 * @author kafka-events
 */
final class ConsumerThreadTasks {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final Collection<Task> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * Queue a task for the consumer that owns the partition.
	 * @param partition the partition
	 * @param action what to do with the consumer
	 */
	void submit(TopicPartition partition, java.util.function.Consumer<Consumer<?, ?>> action) {
		this.tasks.add(new Task(partition, action));
	}

	/**
	 * Run the queued tasks of the partitions assigned to a consumer, on its thread.
	 * @param consumer the consumer
	 */
	void runFor(Consumer<?, ?> consumer) {
		if (this.tasks.isEmpty()) {
			return;
		}
		Set<TopicPartition> assignment = consumer.assignment();
		Iterator<Task> iterator = this.tasks.iterator();
		while (iterator.hasNext()) {
			Task task = iterator.next();
			if (assignment.contains(task.partition())) {
				iterator.remove();
				run(task, consumer);
			}
		}
	}

	private static void run(Task task, Consumer<?, ?> consumer) {
		try {
			task.action().accept(consumer);
		}
		catch (RuntimeException ex) {
			logger.error("Kafka events: an operation on " + task.partition() + " failed: " + ex.getMessage(), ex);
		}
	}

	private record Task(TopicPartition partition, java.util.function.Consumer<Consumer<?, ?>> action) {

	}

}
