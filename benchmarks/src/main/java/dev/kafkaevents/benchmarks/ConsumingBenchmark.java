package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Consuming: a raw poll loop that parses each value with Jackson and commits after each
 * poll, asynchronously or synchronously, against the consuming bridge delivering to an
 * {@code @EventHandler} with {@code autoCommit} true (compared with the asynchronous
 * loop) and false (compared with the synchronous loop).
 *
 * @author kafka-events
 */
final class ConsumingBenchmark {

	static final String EVENTS_TOPIC = "bench.consumed";

	private final BenchmarkSetup setup;

	ConsumingBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	/**
	 * Run both sides over the warm-up records only, unmeasured, so that the JIT has
	 * compiled the consuming and parsing code before the first side is measured.
	 */
	void warmUp() {
		String topic = this.setup.sourceTopic();
		long warmup = this.setup.options().warmup();
		measureRaw(topic, RawCommits.ASYNCHRONOUS, warmup / 2, warmup);
		measureBridge(topic, true, warmup / 2, warmup);
	}

	List<Result> run() {
		String topic = this.setup.sourceTopic();
		List<Measurement> rawAsync = new ArrayList<>();
		List<Measurement> rawSync = new ArrayList<>();
		List<Measurement> autoCommit = new ArrayList<>();
		List<Measurement> commitPerPoll = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> rawAsync.add(Benchmarks.logged("consuming, raw commitAsync",
						measureRaw(topic, RawCommits.ASYNCHRONOUS, warmup(), total()))),
				() -> autoCommit.add(Benchmarks.logged("consuming, bridge autoCommit true",
						measureBridge(topic, true, warmup(), total()))),
				() -> rawSync.add(Benchmarks.logged("consuming, raw commitSync",
						measureRaw(topic, RawCommits.SYNCHRONOUS, warmup(), total()))),
				() -> commitPerPoll.add(Benchmarks.logged("consuming, bridge autoCommit false",
						measureBridge(topic, false, warmup(), total()))));
		return List.of(result("consuming, autoCommit true", rawAsync, autoCommit, 0.9),
				result("consuming, autoCommit false", rawSync, commitPerPoll, 0.95));
	}

	/**
	 * Consume with a filter that passes every other record: the bridge's {@code filter}
	 * expression against a raw loop that parses every value and hands on the records at
	 * even offsets, counting every record read.
	 * @return the result
	 */
	List<Result> runFiltering() {
		String topic = this.setup.sourceTopic();
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> bridge = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("filtering half, raw commitAsync",
						measureRaw(topic, RawCommits.ASYNCHRONOUS, warmup(), total(), true))),
				() -> bridge.add(Benchmarks.logged("filtering half, bridge filter",
						measureFilteringBridge(topic, warmup(), total()))));
		return List.of(result("consuming, filter passing half", raw, bridge, 0.9));
	}

	private Result result(String name, List<Measurement> raw, List<Measurement> bridge, double target) {
		return Result.throughput(name, raw, bridge, Target.atLeast(target),
				new Moved(this.setup.options().total(), last(raw).moved(), last(bridge).moved()));
	}

	static Measurement last(List<Measurement> measurements) {
		return measurements.get(measurements.size() - 1);
	}

	private long warmup() {
		return this.setup.options().warmup();
	}

	private long total() {
		return this.setup.options().total();
	}

	private Measurement measureRaw(String topic, RawCommits commits, long from, long to) {
		return measureRaw(topic, commits, from, to, false);
	}

	private Measurement measureRaw(String topic, RawCommits commits, long from, long to, boolean evenOffsetsOnly) {
		AtomicLong count = new AtomicLong();
		try (Background loop = Background.start("raw-consumer",
				(background) -> consume(topic, commits, count, to, background, evenOffsetsOnly))) {
			Throughput rate = Waits.rate(count::get, from, to, timeout(), loop::check);
			return new Measurement(rate, count.get());
		}
	}

	private void consume(String topic, RawCommits commits, AtomicLong count, long total, Background background,
			boolean evenOffsetsOnly) {
		Payload payload = this.setup.payload();
		long sink = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-consuming", false)) {
			consumer.subscribe(List.of(topic));
			while (background.running() && count.get() < total) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					Object parsed = payload.parse(record.value());
					if (!evenOffsetsOnly || record.offset() % 2 == 0) {
						sink += Payload.consume(parsed);
					}
					count.incrementAndGet();
				}
				if (!records.isEmpty()) {
					commits.commit(consumer);
				}
			}
		}
		Benchmarks.sink(sink);
	}

	Measurement measureBridge(String topic, boolean autoCommit, long from, long to) {
		CountingHandler handler = new CountingHandler();
		String group = this.setup.broker().uniqueName("bridge-consuming");
		try (BridgeApplication application = this.setup.bridge()
			.consuming(EVENTS_TOPIC, topic, group, autoCommit)
			.bean(CountingHandler.class, () -> handler)
			.run()) {
			Throughput rate = Waits.rate(handler::count, from, to, timeout(), () -> {
			});
			return new Measurement(rate, handler.count());
		}
	}

	private Measurement measureFilteringBridge(String topic, long from, long to) {
		CountingHandler handler = new CountingHandler();
		String group = this.setup.broker().uniqueName("bridge-filtering");
		try (BridgeApplication application = this.setup.bridge()
			.consuming(EVENTS_TOPIC, topic, group, true)
			.filter("record.offset % 2 == 0")
			.bean(CountingHandler.class, () -> handler)
			.run()) {
			KafkaConsumingBridge bridge = application.consumingBridges().get(0);
			LongSupplier read = () -> bridge.getProcessedCount() + bridge.getFilteredCount();
			Throughput rate = Waits.rate(read, from, to, timeout(), () -> {
			});
			return new Measurement(rate, read.getAsLong());
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
