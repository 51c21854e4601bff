package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Relay, Kafka to events to Kafka: a raw loop that parses each record, writes it again
 * and sends it, and commits a poll once its sends are acknowledged (asynchronously or
 * synchronously), against a consuming bridge publishing to the events topic of a
 * publishing bridge with {@code autoCommit} true and false, each compared with the loop
 * that commits the same way.
 *
 * @author kafka-events
 */
final class RelayBenchmark {

	static final String EVENTS_TOPIC = "bench.relayed";

	private final BenchmarkSetup setup;

	RelayBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		String source = this.setup.sourceTopic();
		List<Measurement> rawAsync = new ArrayList<>();
		List<Measurement> rawSync = new ArrayList<>();
		List<Measurement> autoCommit = new ArrayList<>();
		List<Measurement> commitPerPoll = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> rawAsync
					.add(Benchmarks.logged("relay, raw commitAsync", measureRaw(source, RawCommits.ASYNCHRONOUS))),
				() -> autoCommit.add(Benchmarks.logged("relay, bridge autoCommit true", measureBridge(source, true))),
				() -> rawSync
					.add(Benchmarks.logged("relay, raw commitSync", measureRaw(source, RawCommits.SYNCHRONOUS))),
				() -> commitPerPoll
					.add(Benchmarks.logged("relay, bridge autoCommit false", measureBridge(source, false))));
		return List.of(result("relay, autoCommit true", rawAsync, autoCommit),
				result("relay, autoCommit false", rawSync, commitPerPoll));
	}

	private Result result(String name, List<Measurement> raw, List<Measurement> bridge) {
		return Result.throughput(name, raw, bridge, Target.atLeast(0.8), new Moved(this.setup.options().total(),
				ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved()));
	}

	private Measurement measureRaw(String source, RawCommits commits) {
		String destination = this.setup.broker().createTopic("relay-raw", this.setup.options().partitions());
		AtomicLong acknowledged = new AtomicLong();
		Throughput rate;
		try (Background loop = Background.start("raw-relay",
				(background) -> relay(source, destination, commits, acknowledged, background))) {
			rate = Waits.rate(acknowledged::get, this.setup.options().warmup(), this.setup.options().total(), timeout(),
					loop::check);
		}
		return new Measurement(rate, this.setup.broker().recordCount(destination));
	}

	private void relay(String source, String destination, RawCommits commits, AtomicLong acknowledged,
			Background background) {
		long total = this.setup.options().total();
		Payload payload = this.setup.payload();
		AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-relay", false);
				KafkaProducer<byte[], byte[]> producer = this.setup.unbatchedProducer("raw-relay")) {
			consumer.subscribe(List.of(source));
			while (background.running() && acknowledged.get() < total) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					byte[] value = payload.write(payload.parse(record.value()));
					producer.send(new ProducerRecord<>(destination, value),
							(metadata, ex) -> acknowledged(acknowledged, failure, ex));
				}
				if (!records.isEmpty()) {
					producer.flush();
					throwIfFailed(failure);
					commits.commit(consumer);
				}
			}
		}
	}

	private static void acknowledged(AtomicLong acknowledged, AtomicReference<@Nullable Exception> failure,
			@Nullable Exception ex) {
		if (ex != null) {
			failure.compareAndSet(null, ex);
			return;
		}
		acknowledged.incrementAndGet();
	}

	private static void throwIfFailed(AtomicReference<@Nullable Exception> failure) {
		Exception ex = failure.get();
		if (ex != null) {
			throw new IllegalStateException("A relayed record could not be sent", ex);
		}
	}

	private Measurement measureBridge(String source, boolean autoCommit) {
		String destination = this.setup.broker().createTopic("relay-bridge", this.setup.options().partitions());
		String group = this.setup.broker().uniqueName("bridge-relay");
		Throughput rate;
		try (BridgeApplication application = this.setup.bridge()
			.consuming(EVENTS_TOPIC, source, group, autoCommit)
			.publishing(EVENTS_TOPIC, destination)
			.run()) {
			KafkaConsumingBridge bridge = application.consumingBridges().get(0);
			rate = Waits.rate(bridge::getProcessedCount, this.setup.options().warmup(), this.setup.options().total(),
					timeout(), () -> {
					});
		}
		return new Measurement(rate, this.setup.broker().recordCount(destination));
	}

	private Duration timeout() {
		return Waits.forRecords(this.setup.options().total());
	}

}
