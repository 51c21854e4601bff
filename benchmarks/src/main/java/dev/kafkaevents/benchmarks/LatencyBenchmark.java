package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Latency from publish to handler through Kafka at a fixed rate: a raw producer and a raw
 * consumer poll loop, against a publishing bridge and a consuming bridge in one
 * application. Each latency is measured from the time the record was due to be sent, so
 * that a stalled sender shows.
 *
 * @author kafka-events
 */
final class LatencyBenchmark {

	static final String OUT_TOPIC = "bench.latency.out";

	static final String IN_TOPIC = "bench.latency.in";

	private final BenchmarkSetup setup;

	LatencyBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		List<Latencies> raw = new ArrayList<>();
		List<Latencies> bridge = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(), () -> raw.add(logged("latency, raw", measureRaw())),
				() -> bridge.add(logged("latency, bridge", measureBridge())));
		long total = warmup() + this.setup.options().latencyRecords();
		Moved moved = new Moved(total, raw.get(raw.size() - 1).count(), bridge.get(bridge.size() - 1).count());
		String rate = " at " + this.setup.options().latencyRate() + " records/s";
		return List.of(
				Result.of("latency p50" + rate, Unit.LATENCY_MILLISECONDS, percentiles(raw, 0.5),
						percentiles(bridge, 0.5), Target.described("reported"), moved),
				Result.of("latency p99" + rate, Unit.LATENCY_MILLISECONDS, percentiles(raw, 0.99),
						percentiles(bridge, 0.99), Target.atMost(2), moved));
	}

	private static Latencies logged(String name, Latencies latencies) {
		Benchmarks.log("%-40s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms", name, latencies.percentile(0.5),
				latencies.percentile(0.99), latencies.percentile(0.999), latencies.percentile(1));
		return latencies;
	}

	private static List<Double> percentiles(List<Latencies> rounds, double percentile) {
		return rounds.stream().map((latencies) -> latencies.percentile(percentile)).toList();
	}

	private long warmup() {
		return Math.max(1, this.setup.options().latencyRecords() / 5);
	}

	private Latencies measureRaw() {
		String topic = this.setup.broker().createTopic("latency-raw", this.setup.options().partitions());
		Latencies latencies = new Latencies(warmup(), this.setup.options().latencyRecords());
		AtomicBoolean assigned = new AtomicBoolean();
		try (Background loop = Background.start("raw-latency-consumer",
				(background) -> consume(topic, latencies, assigned, background));
				KafkaProducer<byte[], byte[]> producer = this.setup.unbatchedProducer("raw-latency")) {
			Waits.until(() -> checked(loop, assigned.get()), Duration.ofSeconds(60), "the raw consumer's partitions");
			Payload payload = this.setup.payload();
			pace(latencies.total(),
					(due) -> producer.send(new ProducerRecord<>(topic, payload.write(payload.withTime(due)))));
			Waits.until(() -> checked(loop, latencies.count() >= latencies.total()), timeout(),
					"records received by the raw consumer");
		}
		return latencies;
	}

	private static boolean checked(Background loop, boolean condition) {
		loop.check();
		return condition;
	}

	private void consume(String topic, Latencies latencies, AtomicBoolean assigned, Background background) {
		Payload payload = this.setup.payload();
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-latency", true)) {
			consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {

				@Override
				public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
				}

				@Override
				public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
					assigned.compareAndSet(false, !partitions.isEmpty());
				}

			});
			while (background.running() && latencies.count() < latencies.total()) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					latencies.record(payload.parse(record.value()));
				}
			}
		}
	}

	private Latencies measureBridge() {
		String topic = this.setup.broker().createTopic("latency-bridge", this.setup.options().partitions());
		Latencies latencies = new Latencies(warmup(), this.setup.options().latencyRecords());
		String group = this.setup.broker().uniqueName("bridge-latency");
		try (BridgeApplication application = this.setup.bridge()
			.publishing(OUT_TOPIC, topic)
			.consuming(IN_TOPIC, topic, group, true)
			.bean(LatencyHandler.class, () -> new LatencyHandler(latencies))
			.run()) {
			application.awaitAssignment(Duration.ofSeconds(60));
			EventsService eventsService = application.eventsService();
			Payload payload = this.setup.payload();
			List<CompletableFuture<Void>> publications = new ArrayList<>();
			pace(latencies.total(), (due) -> publications
				.add(eventsService.publish(new EventParams(OUT_TOPIC, payload.withTime(due), EventMetadata.empty()))));
			Waits.until(() -> latencies.count() >= latencies.total(), timeout(), "records received by the handler");
			publications.forEach(CompletableFuture::join);
		}
		return latencies;
	}

	/**
	 * Call the sender once per due time, at the configured rate.
	 * @param count how many times
	 * @param sender the sender, given the due time
	 */
	private void pace(long count, LongConsumer sender) {
		long period = 1_000_000_000L / this.setup.options().latencyRate();
		long start = System.nanoTime();
		for (long i = 0; i < count; i++) {
			long due = start + i * period;
			long wait = due - System.nanoTime();
			while (wait > 0) {
				LockSupport.parkNanos(wait);
				wait = due - System.nanoTime();
			}
			sender.accept(due);
		}
	}

	private Duration timeout() {
		return Duration.ofSeconds(60);
	}

	/**
	 * Receives the events that went through Kafka and records their latency.
	 */
	static class LatencyHandler {

		private final Latencies latencies;

		LatencyHandler(Latencies latencies) {
			this.latencies = latencies;
		}

		@EventHandler(topics = IN_TOPIC)
		void onEvent(EventParams event) {
			this.latencies.record(event.eventPayload());
		}

	}

	/**
	 * Latencies recorded by one receiving thread, the warm-up ones excluded from the
	 * percentiles.
	 */
	static final class Latencies {

		private final long[] nanos;

		private final int warmup;

		private volatile int count;

		Latencies(long warmup, long records) {
			this.warmup = (int) warmup;
			this.nanos = new long[(int) (warmup + records)];
		}

		void record(@Nullable Object payload) {
			long latency = Payload.latencyNanos(payload);
			int index = this.count;
			if (index < this.nanos.length) {
				this.nanos[index] = latency;
			}
			this.count = index + 1;
		}

		int count() {
			return this.count;
		}

		int total() {
			return this.nanos.length;
		}

		double percentile(double percentile) {
			long[] measured = Arrays.copyOfRange(this.nanos, this.warmup, Math.min(this.count, this.nanos.length));
			Arrays.sort(measured);
			int index = (int) Math.min(measured.length - 1, Math.ceil(percentile * measured.length) - 1);
			return measured[Math.max(0, index)] / 1e6;
		}

	}

}
