package dev.kafkaevents.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import dev.kafkaevents.benchmarks.BenchmarkBroker.Tuning;
import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishing: a raw producer against {@code EventsService.publish} through the publishing
 * bridge, both writing the same payload as JSON; pipelined (waiting for every future at
 * the end) and one at a time (waiting for each).
 *
 * @author kafka-events
 */
final class PublishingBenchmark {

	static final String EVENTS_TOPIC = "bench.published";

	private final BenchmarkSetup setup;

	PublishingBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> runPipelined() {
		long warmup = this.setup.options().warmup();
		long records = this.setup.options().records();
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> bridge = new ArrayList<>();
		List<Measurement> tuned = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("publishing pipelined, raw", measureRaw(true, warmup, records))),
				() -> bridge.add(Benchmarks.logged("publishing pipelined, bridge defaults",
						measureBridge(true, false, warmup, records))),
				() -> tuned.add(Benchmarks.logged("publishing pipelined, bridge tuned",
						measureBridge(true, true, warmup, records))));
		return List.of(result("publishing pipelined, bridge defaults (linger.ms=0)", raw, bridge, warmup + records),
				result("publishing pipelined, bridge with the raw batching", raw, tuned, warmup + records));
	}

	List<Result> runSequential() {
		long records = this.setup.options().sequentialRecords();
		long warmup = Math.max(1, records / 5);
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> bridge = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("publishing one at a time, raw", measureRaw(false, warmup, records))),
				() -> bridge.add(Benchmarks.logged("publishing one at a time, bridge",
						measureBridge(false, false, warmup, records))));
		return List.of(result("publishing one at a time (awaiting each)", raw, bridge, warmup + records));
	}

	private static Result result(String name, List<Measurement> raw, List<Measurement> bridge, long total) {
		return Result.of(name, Unit.RECORDS_PER_SECOND, ConsumingBenchmark.values(raw),
				ConsumingBenchmark.values(bridge), Target.atLeast(0.9),
				new Moved(total, ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved()));
	}

	private Measurement measureRaw(boolean pipelined, long warmup, long records) {
		String topic = this.setup.broker().createTopic("publish-raw", this.setup.options().partitions());
		double rate;
		try (KafkaProducer<byte[], byte[]> producer = pipelined ? this.setup.batchingProducer("raw-publisher")
				: this.setup.unbatchedProducer("raw-publisher")) {
			sendRaw(producer, topic, warmup, pipelined);
			long start = System.nanoTime();
			sendRaw(producer, topic, records, pipelined);
			rate = records * 1e9 / (System.nanoTime() - start);
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

	private Measurement measureBridge(boolean pipelined, boolean tuned, long warmup, long records) {
		String topic = this.setup.broker().createTopic("publish-bridge", this.setup.options().partitions());
		BridgeApplication.Builder builder = this.setup.bridge().publishing(EVENTS_TOPIC, topic);
		if (tuned) {
			builder.producerProperty(ProducerConfig.LINGER_MS_CONFIG, Tuning.LINGER_MS)
				.producerProperty(ProducerConfig.BATCH_SIZE_CONFIG, Tuning.BATCH_SIZE);
		}
		double rate;
		try (BridgeApplication application = builder.run()) {
			EventsService eventsService = application.eventsService();
			publish(eventsService, warmup, pipelined);
			long start = System.nanoTime();
			publish(eventsService, records, pipelined);
			rate = records * 1e9 / (System.nanoTime() - start);
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
