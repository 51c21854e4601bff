package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reads records of a mapping's dead-letter topics with a short-lived consumer that is
 * assigned their partitions, outside any consumer group, and commits nothing.
 *
 * @author kafka-events
 */
final class DeadLetterReader {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> consumerProperties;

	DeadLetterReader(ConsumingMapping mapping, Map<String, Object> consumerProperties) {
		this.consumerProperties = new HashMap<>(consumerProperties);
		this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerProperties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		this.consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, mapping.clientId() + "-dead-letter-reader");
		this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
	}

	/**
	 * Return the latest records of the given topics, newest first.
	 * @param topics the dead-letter topics
	 * @param limit how many records at most
	 * @return the records
	 */
	List<ConsumerRecord<byte[], byte[]>> latest(List<String> topics, int limit) {
		try (Consumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				consumer.partitionsFor(topic, READ_TIMEOUT)
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
			Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_TIMEOUT);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			for (TopicPartition partition : partitions) {
				long end = ends.get(partition);
				long from = Math.max(starts.get(partition), end - limit);
				records.addAll(read(consumer, partition, from, end - 1));
			}
			records.sort(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp).reversed());
			return List.copyOf(records.subList(0, Math.min(limit, records.size())));
		}
	}

	/**
	 * Return the records of a partition between two offsets, both included, that exist
	 * when the read starts.
	 * @param partition the dead-letter topic partition
	 * @param fromOffset the first offset
	 * @param toOffset the last offset, or {@code null} for up to the end
	 * @return the records, in offset order
	 */
	List<ConsumerRecord<byte[], byte[]>> range(TopicPartition partition, long fromOffset, @Nullable Long toOffset) {
		Assert.isTrue(fromOffset >= 0, "'fromOffset' must not be negative");
		try (Consumer<byte[], byte[]> consumer = consumer()) {
			long last = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition) - 1;
			return read(consumer, partition, fromOffset, (toOffset != null) ? Math.min(toOffset, last) : last);
		}
	}

	private List<ConsumerRecord<byte[], byte[]>> read(Consumer<byte[], byte[]> consumer, TopicPartition partition,
			long fromOffset, long toOffset) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		if (toOffset < fromOffset) {
			return records;
		}
		consumer.assign(List.of(partition));
		consumer.seek(partition, fromOffset);
		long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
		while (consumer.position(partition, READ_TIMEOUT) <= toOffset && System.nanoTime() < deadline) {
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT).records(partition)) {
				if (record.offset() >= fromOffset && record.offset() <= toOffset) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private Consumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(this.consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

}
