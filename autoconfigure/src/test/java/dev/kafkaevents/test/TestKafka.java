package dev.kafkaevents.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Access to the one in-JVM KRaft broker that spring-kafka-test starts for the whole test
 * run (see {@code junit-platform.properties}).
 *
 * @author kafka-events
 */
public final class TestKafka {

	private static final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));

	private static final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(), ProducerConfig.LINGER_MS_CONFIG, 0),
			new ByteArraySerializer(), new ByteArraySerializer());

	private TestKafka() {
	}

	/**
	 * Return the bootstrap address of the broker.
	 * @return host:port
	 */
	public static String brokers() {
		String brokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		if (brokers == null) {
			throw new IllegalStateException("The global embedded Kafka broker is not running");
		}
		return brokers;
	}

	/**
	 * Create a topic with a unique name.
	 * @param prefix readable prefix of the name
	 * @param partitions number of partitions
	 * @return the topic name
	 */
	public static String createTopic(String prefix, int partitions) {
		return createTopic(prefix, partitions, Map.of());
	}

	/**
	 * Create a topic with a unique name and topic-level configuration.
	 * @param prefix readable prefix of the name
	 * @param partitions number of partitions
	 * @param configs topic configuration, such as {@code max.message.bytes}
	 * @return the topic name
	 */
	public static String createTopic(String prefix, int partitions, Map<String, String> configs) {
		return createNamedTopic(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), partitions, configs);
	}

	/**
	 * Create a topic of the given name, such as a retry or dead-letter topic named after
	 * another one.
	 * @param name the topic name
	 * @param partitions number of partitions
	 * @param configs topic configuration
	 * @return the topic name
	 */
	public static String createNamedTopic(String name, int partitions, Map<String, String> configs) {
		NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
		await(() -> admin.createTopics(List.of(topic)).all().get());
		return name;
	}

	/**
	 * Return a unique consumer group id.
	 * @param prefix readable prefix
	 * @return the group id
	 */
	public static String uniqueGroup(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Send a record and wait for the broker's acknowledgement.
	 * @param topic the topic
	 * @param partition the partition
	 * @param value the value, or {@code null}
	 * @param headers headers as name and value pairs
	 */
	public static void send(String topic, int partition, byte @Nullable [] value, String... headers) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, null, value);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
		}
		await(() -> producer.send(record).get());
	}

	/**
	 * Send a record and wait for the broker's acknowledgement.
	 * @param record the record
	 * @return the metadata of the record
	 */
	public static RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
		return await(() -> producer.send(record).get());
	}

	/**
	 * Send a JSON text and wait for the broker's acknowledgement.
	 * @param topic the topic
	 * @param partition the partition
	 * @param json the JSON text
	 */
	public static void sendJson(String topic, int partition, String json) {
		send(topic, partition, json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the committed offsets of a group.
	 * @param groupId the group
	 * @return the committed offset by partition
	 */
	public static Map<TopicPartition, Long> committedOffsets(String groupId) {
		Map<TopicPartition, OffsetAndMetadata> offsets = await(
				() -> admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get());
		return offsets.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != null)
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	/**
	 * Return the committed offset of one partition of a group.
	 * @param groupId the group
	 * @param topic the topic
	 * @param partition the partition
	 * @return the committed offset, or {@code null}
	 */
	public static @Nullable Long committedOffset(String groupId, String topic, int partition) {
		return committedOffsets(groupId).get(new TopicPartition(topic, partition));
	}

	/**
	 * Wait, up to {@link #timeout()}, until a group has committed the given offset of a
	 * partition.
	 * @param groupId the group
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the expected committed offset
	 */
	public static void awaitCommittedOffset(String groupId, String topic, int partition, long offset) {
		Awaitility.await()
			.atMost(timeout())
			.until(() -> Long.valueOf(offset).equals(committedOffset(groupId, topic, partition)));
	}

	/**
	 * Return the members of a group.
	 * @param groupId the group
	 * @return the member count
	 */
	public static Set<String> groupMembers(String groupId) {
		return await(() -> admin.describeConsumerGroups(List.of(groupId)).all().get()).get(groupId)
			.members()
			.stream()
			.map((member) -> member.consumerId())
			.collect(Collectors.toSet());
	}

	/**
	 * Return the members of a share group that the broker has assigned partitions to.
	 * @param groupId the share group
	 * @return the member ids
	 */
	public static Set<String> assignedShareGroupMembers(String groupId) {
		return await(() -> admin.describeShareGroups(List.of(groupId)).all().get()).get(groupId)
			.members()
			.stream()
			.filter((member) -> !member.assignment().topicPartitions().isEmpty())
			.map((member) -> member.consumerId())
			.collect(Collectors.toSet());
	}

	/**
	 * Read the records of a topic from the beginning of every partition, waiting until
	 * there are at least the given number.
	 * @param topic the topic
	 * @param count the number of records to wait for
	 * @return the records read, in order within each partition
	 */
	public static List<ConsumerRecord<byte[], byte[]>> records(String topic, int count) {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			Awaitility.await().atMost(timeout()).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
				return records.size() >= count;
			});
			return records;
		}
	}

	/**
	 * Return how many records a topic holds: the sum of the end offsets of its
	 * partitions.
	 * @param topic the topic
	 * @return the number of records
	 */
	public static long recordCount(String topic) {
		int partitions = await(() -> admin.describeTopics(List.of(topic)).allTopicNames().get()).get(topic)
			.partitions()
			.size();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int i = 0; i < partitions; i++) {
			latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
		}
		return await(() -> admin.listOffsets(latest).all().get()).values()
			.stream()
			.mapToLong((info) -> info.offset())
			.sum();
	}

	/**
	 * Default time to wait for a Kafka outcome in tests.
	 * @return the timeout
	 */
	public static Duration timeout() {
		return Duration.ofSeconds(30);
	}

	private static <T> T await(Call<T> call) {
		try {
			return call.call();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	@FunctionalInterface
	private interface Call<T> {

		T call() throws InterruptedException, ExecutionException;

	}

}
