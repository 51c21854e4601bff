package dev.kafkaevents.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishing: a raw producer against {@code EventsService.publish} through the publishing
 * bridge, both writing the same payload as JSON; pipelined (waiting for every future at
 * the end) and one at a time (waiting for each).
 * <p>
 * Pipelined, the raw producer batches with {@code linger.ms} and {@code batch.size}
 * tuned; the bridge runs with its defaults ({@code linger.ms=0}, which keeps
 * one-at-a-time callers fast, and a {@code batch.size} of 128 KiB). One at a time, both
 * producers have {@code linger.ms=0}.
 *
 * @author kafka-events
 */
final class PublishingBenchmark {

	static final String EVENTS_TOPIC = "bench.published";

	private final BenchmarkSetup setup;

	PublishingBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	/**
	 * Publish the warm-up records on both sides, unmeasured, so that the JIT has compiled
	 * the publishing and JSON writing code before the first side is measured.
	 */
	void warmUp() {
		long half = Math.max(1, this.setup.options().warmup() / 2);
		measureRaw(true, half, half);
		measureBridge(true, half, half);
	}

	List<Result> runPipelined() {
		long warmup = this.setup.options().warmup();
		long records = this.setup.options().records();
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> bridge = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("publishing pipelined, raw", measureRaw(true, warmup, records))),
				() -> bridge
					.add(Benchmarks.logged("publishing pipelined, bridge", measureBridge(true, warmup, records))));
		return List.of(result("publishing pipelined", raw, bridge, warmup + records));
	}

	List<Result> runSequential() {
		long records = this.setup.options().sequentialRecords();
		long warmup = Math.max(1, records / 5);
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> bridge = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("publishing one at a time, raw", measureRaw(false, warmup, records))),
				() -> bridge
					.add(Benchmarks.logged("publishing one at a time, bridge", measureBridge(false, warmup, records))));
		Result result = result("publishing one at a time (awaiting each)", raw, bridge, warmup + records);
		return List.of(result.withoutCpu());
	}

	private static Result result(String name, List<Measurement> raw, List<Measurement> bridge, long total) {
		return Result.throughput(name, raw, bridge, Target.atLeast(0.9),
				new Moved(total, ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved()));
	}

	private Measurement measureRaw(boolean pipelined, long warmup, long records) {
		String topic = this.setup.broker().createTopic("publish-raw", this.setup.options().partitions());
		Throughput rate;
		try (KafkaProducer<byte[], byte[]> producer = pipelined ? this.setup.batchingProducer("raw-publisher")
				: this.setup.unbatchedProducer("raw-publisher")) {
			sendRaw(producer, topic, warmup, pipelined);
			Stopwatch stopwatch = Stopwatch.start();
			sendRaw(producer, topic, records, pipelined);
			rate = stopwatch.stop(records);
		}
		return new Measurement(rate, this.setup.broker().recordCount(topic));
	}

	private void sendRaw(KafkaProducer<byte[], byte[]> producer, String topic, long count, boolean pipelined) {
		Payload payload = this.setup.payload();
		List<Future<RecordMetadata>> sends = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			Future<RecordMetadata> send = producer.send(new ProducerRecord<>(topic, payload.write(payload.map())));
			sends.add(pipelined ? send : CompletableFuture.completedFuture(BenchmarkBroker.get(send)));
		}
		sends.forEach(BenchmarkBroker::get);
	}

	private Measurement measureBridge(boolean pipelined, long warmup, long records) {
		String topic = this.setup.broker().createTopic("publish-bridge", this.setup.options().partitions());
		Throughput rate;
		try (BridgeApplication application = this.setup.bridge().publishing(EVENTS_TOPIC, topic).run()) {
			EventsService eventsService = application.eventsService();
			publish(eventsService, warmup, pipelined);
			Stopwatch stopwatch = Stopwatch.start();
			publish(eventsService, records, pipelined);
			rate = stopwatch.stop(records);
		}
		return new Measurement(rate, this.setup.broker().recordCount(topic));
	}

	private void publish(EventsService eventsService, long count, boolean pipelined) {
		Payload payload = this.setup.payload();
		List<CompletableFuture<Void>> publications = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			CompletableFuture<Void> publication = eventsService
				.publish(new EventParams(EVENTS_TOPIC, payload.map(), EventMetadata.empty()));
			if (!pipelined) {
				publication.join();
			}
			publications.add(publication);
		}
		publications.forEach(CompletableFuture::join);
	}

}
