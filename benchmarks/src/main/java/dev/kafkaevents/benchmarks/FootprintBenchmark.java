package dev.kafkaevents.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Footprint: the time until every mapping consumes, and the heap retained after a full
 * GC, of a Spring Boot application with N consuming and N publishing mappings, against N
 * raw consumers, each on its own thread and group; producers are created on first send by
 * both, so none exists here. Measured in the running JVM, after a warm-up start, so
 * start-up excludes class loading and JIT of a cold JVM, and the heap includes the
 * broker's state of the N groups when the broker runs in this JVM.
 *
 * @author kafka-events
 */
final class FootprintBenchmark {

	private static final long MIB = 1024 * 1024;

	private final BenchmarkSetup setup;

	private final List<String> topics = new ArrayList<>();

	FootprintBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		List<Integer> counts = this.setup.options().mappings().stream().sorted().distinct().toList();
		int max = Math.max(1, Collections.max(counts));
		for (int i = 0; i < max; i++) {
			this.topics.add(this.setup.broker().uniqueName("footprint"));
		}
		this.setup.broker().createTopics(this.topics, 1);
		measureRaw(1);
		measureBridge(1);
		Map<Integer, List<Footprint>> raw = new TreeMap<>();
		Map<Integer, List<Footprint>> bridge = new TreeMap<>();
		List<Footprint> empty = new ArrayList<>();
		for (int round = 0; round < this.setup.options().rounds(); round++) {
			empty.add(logged("footprint, bridge, no mappings", measureBridge(0)));
			for (int count : counts) {
				Benchmarks.inOrder(round,
						() -> raw.computeIfAbsent(count, (key) -> new ArrayList<>())
							.add(logged("footprint, raw, " + count + " consumers", measureRaw(count))),
						() -> bridge.computeIfAbsent(count, (key) -> new ArrayList<>())
							.add(logged("footprint, bridge, " + count + " mappings", measureBridge(count))));
			}
		}
		return results(empty, raw, bridge);
	}

	private List<Result> results(List<Footprint> empty, Map<Integer, List<Footprint>> raw,
			Map<Integer, List<Footprint>> bridge) {
		List<Result> results = new ArrayList<>();
		Target linear = Target.described("linear in mappings");
		results.add(Result.of("start-up, application without mappings", Unit.MILLISECONDS, null, startups(empty),
				linear, null));
		raw.forEach((count, footprints) -> results.add(Result.of("start-up until " + count + " mapping(s) consume",
				Unit.MILLISECONDS, startups(footprints), startups(bridge.get(count)), linear, null)));
		results.addAll(slopes("start-up", Unit.MILLISECONDS, 1, raw, bridge, Footprint::startupMillis));
		results.add(Result.of("heap after GC, application without mappings", Unit.MEBIBYTES, null, heaps(empty), linear,
				null));
		raw.forEach((count, footprints) -> results.add(Result.of("heap after GC, " + count + " mapping(s)",
				Unit.MEBIBYTES, heaps(footprints), heaps(bridge.get(count)), linear, null)));
		results.addAll(slopes("heap", Unit.KIBIBYTES, 1024, raw, bridge, Footprint::heapMebibytes));
		return results;
	}

	private List<Result> slopes(String name, Unit unit, double scale, Map<Integer, List<Footprint>> raw,
			Map<Integer, List<Footprint>> bridge, ToDoubleFunction<Footprint> figure) {
		List<Integer> counts = new ArrayList<>(raw.keySet());
		List<Result> slopes = new ArrayList<>();
		for (int i = 1; i < counts.size(); i++) {
			int from = counts.get(i - 1);
			int to = counts.get(i);
			double rawSlope = slope(raw.get(from), raw.get(to), to - from, figure) * scale;
			double bridgeSlope = slope(bridge.get(from), bridge.get(to), to - from, figure) * scale;
			slopes.add(Result.of(name + " per added mapping, " + from + " → " + to, unit, List.of(rawSlope),
					List.of(bridgeSlope), Target.described("about equal across steps"), null));
		}
		return slopes;
	}

	private static double slope(List<Footprint> from, List<Footprint> to, int mappings,
			ToDoubleFunction<Footprint> figure) {
		double start = Result.median(from.stream().map(figure::applyAsDouble).toList());
		double end = Result.median(to.stream().map(figure::applyAsDouble).toList());
		return (end - start) / mappings;
	}

	private static List<Double> startups(List<Footprint> footprints) {
		return footprints.stream().map(Footprint::startupMillis).toList();
	}

	private static List<Double> heaps(List<Footprint> footprints) {
		return footprints.stream().map(Footprint::heapMebibytes).toList();
	}

	private static Footprint logged(String name, Footprint footprint) {
		Benchmarks.log("%-40s start-up %,.0f ms, heap %+.1f MiB", name, footprint.startupMillis(),
				footprint.heapMebibytes());
		return footprint;
	}

	private Footprint measureRaw(int count) {
		long heapBefore = heapAfterGc();
		long start = System.nanoTime();
		CountDownLatch assigned = new CountDownLatch(count);
		List<Background> loops = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				String topic = this.topics.get(i);
				loops.add(Background.start("raw-footprint-" + i, (background) -> poll(topic, assigned, background)));
			}
			await(assigned, loops);
			double startup = (System.nanoTime() - start) / 1e6;
			return new Footprint(startup, (heapAfterGc() - heapBefore) / (double) MIB);
		}
		finally {
			loops.forEach(Background::close);
		}
	}

	private void await(CountDownLatch latch, List<Background> loops) {
		Waits.until(() -> {
			loops.forEach(Background::check);
			return latch.getCount() == 0;
		}, timeout(), "partitions assigned to every raw consumer");
	}

	private void poll(String topic, CountDownLatch assigned, Background background) {
		AtomicBoolean counted = new AtomicBoolean();
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-footprint", false)) {
			consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {

				@Override
				public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
				}

				@Override
				public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
					if (!partitions.isEmpty() && counted.compareAndSet(false, true)) {
						assigned.countDown();
					}
				}

			});
			while (background.running()) {
				consumer.poll(Duration.ofMillis(100));
			}
		}
	}

	private Footprint measureBridge(int count) {
		long heapBefore = heapAfterGc();
		long start = System.nanoTime();
		BridgeApplication.Builder builder = BridgeApplication.builder(this.setup.broker().bootstrap());
		for (int i = 0; i < count; i++) {
			builder.consuming("bench.footprint." + i, this.topics.get(i),
					this.setup.broker().uniqueName("bridge-footprint"), true);
			builder.publishing("bench.footprint.out." + i, "bench-footprint-out-" + i);
		}
		try (BridgeApplication application = builder.run()) {
			application.awaitAssignment(timeout());
			double startup = (System.nanoTime() - start) / 1e6;
			return new Footprint(startup, (heapAfterGc() - heapBefore) / (double) MIB);
		}
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 2; i++) {
			System.gc();
			sleep();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void sleep() {
		try {
			TimeUnit.MILLISECONDS.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Duration timeout() {
		return Duration.ofSeconds(120);
	}

	/**
	 * Start-up time and retained heap of one side with one mapping count.
	 *
	 * @param startupMillis time until every mapping has its partitions
	 * @param heapMebibytes heap retained after a full GC, compared to before starting
	 */
	private record Footprint(double startupMillis, double heapMebibytes) {

	}

}
