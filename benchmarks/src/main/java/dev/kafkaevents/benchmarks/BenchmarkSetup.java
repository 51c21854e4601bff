package dev.kafkaevents.benchmarks;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every case shares: options, broker, payload, the preloaded source topic, and the
 * settings of the raw clients.
 *
 * @author kafka-events
 */
final class BenchmarkSetup {

	private final BenchmarkOptions options;

	private final BenchmarkBroker broker;

	private final Payload payload;

	private @Nullable String sourceTopic;

	BenchmarkSetup(BenchmarkOptions options, BenchmarkBroker broker) {
		this.options = options;
		this.broker = broker;
		this.payload = new Payload(options.size());
	}

	BenchmarkOptions options() {
		return this.options;
	}

	BenchmarkBroker broker() {
		return this.broker;
	}

	Payload payload() {
		return this.payload;
	}

	/**
	 * Return the topic preloaded with warm-up plus measured records, which the consuming
	 * and relay cases read, each in a new consumer group; created on first use.
	 * @return the topic
	 */
	String sourceTopic() {
		if (this.sourceTopic == null) {
			String topic = this.broker.createTopic("source", this.options.partitions());
			long start = System.nanoTime();
			this.broker.preload(topic, this.payload.json(), this.options.total());
			Benchmarks.log("preloaded %,d records of %,d bytes into %s in %.1f s", this.options.total(),
					this.payload.json().length, topic, (System.nanoTime() - start) / 1e9);
			this.sourceTopic = topic;
		}
		return this.sourceTopic;
	}

	/**
	 * Create a raw consumer that reads a new group from the earliest offsets, with the
	 * client's defaults otherwise, as the bridge's consumers.
	 * @param name readable part of the group and client ids
	 * @param autoCommit whether Kafka's periodic auto-commit is on
	 * @return the consumer
	 */
	KafkaConsumer<byte[], byte[]> consumer(String name, boolean autoCommit) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.broker.uniqueName(name));
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, this.broker.uniqueName(name));
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommit);
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * Create a raw producer with {@code acks=all} and {@code linger.ms=0}, the bridge's
	 * defaults.
	 * @param name readable part of the client id
	 * @return the producer
	 */
	KafkaProducer<byte[], byte[]> unbatchedProducer(String name) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrap());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, this.broker.uniqueName(name));
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Create a raw producer with {@code acks=all} and tuned batching.
	 * @param name readable part of the client id
	 * @return the producer
	 */
	KafkaProducer<byte[], byte[]> batchingProducer(String name) {
		return new KafkaProducer<>(this.broker.producerProperties(name), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	/**
	 * Start building a bridge application connected to the broker, parsing and writing
	 * JSON with the raw side's mapper.
	 * @return the builder
	 */
	BridgeApplication.Builder bridge() {
		return BridgeApplication.builder(this.broker.bootstrap()).bean(JsonMapper.class, this.payload::mapper);
	}

}
