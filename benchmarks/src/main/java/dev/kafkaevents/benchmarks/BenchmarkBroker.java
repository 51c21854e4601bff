package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broker the benchmarks run against: the in-JVM KRaft broker of spring-kafka-test, or
 * an external one, with the topics created for the run.
 *
 * @author kafka-events
 */
final class BenchmarkBroker implements AutoCloseable {

	private final @Nullable EmbeddedKafkaKraftBroker embedded;

	private final String bootstrap;

	private final Admin admin;

	private final String runId = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicInteger sequence = new AtomicInteger();

	private final List<String> topics = new ArrayList<>();

	private BenchmarkBroker(@Nullable EmbeddedKafkaKraftBroker embedded, String bootstrap) {
		this.embedded = embedded;
		this.bootstrap = bootstrap;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
	}

	static BenchmarkBroker start(@Nullable String bootstrap) {
		if (bootstrap != null) {
			return new BenchmarkBroker(null, bootstrap);
		}
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
		embedded.brokerProperties(Map.of("auto.create.topics.enable", "false", "offsets.topic.num.partitions", "1",
				"group.initial.rebalance.delay.ms", "0", "num.partitions", "1",
				"share.coordinator.state.topic.replication.factor", "1", "share.coordinator.state.topic.min.isr", "1",
				"share.coordinator.state.topic.num.partitions", "1"));
		embedded.afterPropertiesSet();
		return new BenchmarkBroker(embedded, embedded.getBrokersAsString());
	}

	String bootstrap() {
		return this.bootstrap;
	}

	String description() {
		return (this.embedded != null) ? "in-JVM KRaft broker (spring-kafka-test), 1 node, same JVM"
				: "external broker at " + this.bootstrap;
	}

	String uniqueName(String prefix) {
		return "bench-" + prefix + "-" + this.runId + "-" + this.sequence.incrementAndGet();
	}

	/**
	 * Set a dynamic configuration of a group, such as a share group's
	 * {@code share.auto.offset.reset}.
	 * @param group the group
	 * @param key the configuration key
	 * @param value the value
	 */
	void setGroupConfig(String group, String key, String value) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
		get(this.admin
			.incrementalAlterConfigs(
					Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET))))
			.all());
	}

	String createTopic(String prefix, int partitions) {
		String name = uniqueName(prefix);
		createTopics(List.of(name), partitions);
		return name;
	}

	void createTopics(List<String> names, int partitions) {
		List<NewTopic> newTopics = names.stream()
			.map((name) -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
			.toList();
		get(this.admin.createTopics(newTopics).all());
		this.topics.addAll(names);
		Waits.until(() -> haveLeaders(names), Duration.ofSeconds(30), "leaders of " + names);
	}

	/**
	 * Return whether every partition of the topics has a leader, so that the first sends
	 * are not refused: an idempotent producer whose first batch is retried after
	 * {@code NOT_LEADER_OR_FOLLOWER} can end up retrying forever with
	 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER}. A topic the broker's metadata does not show
	 * yet has no leaders yet.
	 */
	private boolean haveLeaders(List<String> names) {
		try {
			return get(this.admin.describeTopics(names).allTopicNames()).values()
				.stream()
				.allMatch((topic) -> topic.partitions().stream().allMatch((partition) -> partition.leader() != null));
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Send records with a batching producer and wait until the broker has them all.
	 * @param topic the topic
	 * @param value the value of every record
	 * @param count the number of records
	 */
	void preload(String topic, byte[] value, long count) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties("preload"),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			for (long i = 0; i < count; i++) {
				sends.add(producer.send(new ProducerRecord<>(topic, value)));
			}
			sends.forEach(BenchmarkBroker::get);
		}
	}

	/**
	 * Return the properties of a producer tuned for pipelined sends.
	 * @param clientId the client id
	 * @return the properties
	 */
	Map<String, Object> producerProperties(String clientId) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap);
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, uniqueName(clientId));
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, Tuning.LINGER_MS);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Tuning.BATCH_SIZE);
		return properties;
	}

	/**
	 * Return how many records a topic holds: the sum of its partitions' end offsets.
	 * @param topic the topic
	 * @return the record count
	 */
	long recordCount(String topic) {
		int partitions = get(this.admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int i = 0; i < partitions; i++) {
			latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
		}
		return get(this.admin.listOffsets(latest).all()).values().stream().mapToLong((info) -> info.offset()).sum();
	}

	static <T> T get(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void close() {
		try {
			if (this.embedded == null && !this.topics.isEmpty()) {
				get(this.admin.deleteTopics(this.topics).all());
			}
		}
		finally {
			this.admin.close();
			if (this.embedded != null) {
				this.embedded.destroy();
			}
		}
	}

	/**
	 * Producer batching of the raw pipelined publisher.
	 */
	static final class Tuning {

		static final int LINGER_MS = 10;

		static final int BATCH_SIZE = 128 * 1024;

		private Tuning() {
		}

	}

}
