package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Consuming: a raw poll loop that parses each value with Jackson and commits after each
 * poll, against the consuming bridge delivering to an {@code @EventHandler}, with
 * {@code autoCommit} true and false.
 *
 * @author kafka-events
 */
final class ConsumingBenchmark {

	static final String EVENTS_TOPIC = "bench.consumed";

	private final BenchmarkSetup setup;

	ConsumingBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		String topic = this.setup.sourceTopic();
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> autoCommit = new ArrayList<>();
		List<Measurement> commitPerPoll = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(), () -> raw.add(Benchmarks.logged("consuming, raw", measureRaw(topic))),
				() -> autoCommit
					.add(Benchmarks.logged("consuming, bridge autoCommit true", measureBridge(topic, true))),
				() -> commitPerPoll
					.add(Benchmarks.logged("consuming, bridge autoCommit false", measureBridge(topic, false))));
		return List.of(result("consuming, autoCommit true", raw, autoCommit, 0.9),
				result("consuming, autoCommit false", raw, commitPerPoll, 0.85));
	}

	private Result result(String name, List<Measurement> raw, List<Measurement> bridge, double target) {
		return Result.of(name, Unit.RECORDS_PER_SECOND, values(raw), values(bridge), Target.atLeast(target),
				new Moved(this.setup.options().total(), last(raw).moved(), last(bridge).moved()));
	}

	static List<Double> values(List<Measurement> measurements) {
		return measurements.stream().map(Measurement::value).toList();
	}

	static Measurement last(List<Measurement> measurements) {
		return measurements.get(measurements.size() - 1);
	}

	private Measurement measureRaw(String topic) {
		AtomicLong count = new AtomicLong();
		long total = this.setup.options().total();
		try (Background loop = Background.start("raw-consumer", (background) -> consume(topic, count, background))) {
			double rate = Waits.rate(count::get, this.setup.options().warmup(), total, timeout(), loop::check);
			return new Measurement(rate, count.get());
		}
	}

	private void consume(String topic, AtomicLong count, Background background) {
		long total = this.setup.options().total();
		Payload payload = this.setup.payload();
		long sink = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-consuming", false)) {
			consumer.subscribe(List.of(topic));
			while (background.running() && count.get() < total) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					sink += Payload.consume(payload.parse(record.value()));
					count.incrementAndGet();
				}
				if (!records.isEmpty()) {
					consumer.commitSync();
				}
			}
		}
		Benchmarks.sink(sink);
	}

	private Measurement measureBridge(String topic, boolean autoCommit) {
		CountingHandler handler = new CountingHandler();
		String group = this.setup.broker().uniqueName("bridge-consuming");
		try (BridgeApplication application = this.setup.bridge()
			.consuming(EVENTS_TOPIC, topic, group, autoCommit)
			.bean(CountingHandler.class, () -> handler)
			.run()) {
			double rate = Waits.rate(handler::count, this.setup.options().warmup(), this.setup.options().total(),
					timeout(), () -> {
					});
			return new Measurement(rate, handler.count());
		}
	}

	private Duration timeout() {
		return Waits.forRecords(this.setup.options().total());
	}

	/**
	 * Receives the consumed events and does what the raw loop does with a parsed value.
	 */
	static class CountingHandler {

		private final AtomicLong count = new AtomicLong();

		private long sink;

		@EventHandler(topics = EVENTS_TOPIC)
		void onEvent(EventParams event) {
			this.sink += Payload.consume(event.eventPayload());
			this.count.incrementAndGet();
		}

		long count() {
			Benchmarks.sink(this.sink);
			return this.count.get();
		}

	}

}
