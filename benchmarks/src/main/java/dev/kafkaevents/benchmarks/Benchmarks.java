package dev.kafkaevents.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs every benchmark case against one broker and prints the results as a markdown
 * table: {@code java -jar benchmarks/target/kafka-events-benchmarks.jar [options]}.
 *
 * @author kafka-events
 */
public final class Benchmarks {

	private static final long STARTED = System.nanoTime();

	private static volatile long sink;

	private Benchmarks() {
	}

	/**
	 * Run the benchmarks, print the table and write it to the output file.
	 * @param args the options, see {@code --help}
	 */
	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(BenchmarkOptions.USAGE);
			return;
		}
		BenchmarkOptions options = parse(args);
		BenchmarkReport report = run(options);
		String markdown = report.markdown();
		System.out.println(markdown);
		write(options.output(), markdown);
		log("written to %s", options.output().toAbsolutePath());
		System.exit(0);
	}

	private static BenchmarkOptions parse(String[] args) {
		try {
			return BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			throw ex;
		}
	}

	private static void write(Path output, String markdown) {
		try {
			Path parent = output.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(output, markdown);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Run the cases the options select. Spring Boot's logging system is turned off, so
	 * that {@code logback.xml} alone applies to every application context.
	 * @param options the options
	 * @return the report
	 */
	public static BenchmarkReport run(BenchmarkOptions options) {
		long start = System.nanoTime();
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		log("starting %s", (options.bootstrap() != null) ? "against " + options.bootstrap() : "the in-JVM broker");
		try (BenchmarkBroker broker = BenchmarkBroker.start(options.bootstrap())) {
			BenchmarkSetup setup = new BenchmarkSetup(options, broker);
			List<Result> results = new ArrayList<>();
			if (options.jitWarmup()) {
				warmUp(setup);
			}
			if (options.runs("consuming")) {
				results.addAll(new ConsumingBenchmark(setup).run());
			}
			if (options.runs("share-group")) {
				results.addAll(new ShareGroupBenchmark(setup).run());
			}
			if (options.runs("filtering")) {
				results.addAll(new ConsumingBenchmark(setup).runFiltering());
			}
			if (options.runs("publishing")) {
				results.addAll(new PublishingBenchmark(setup).runPipelined());
			}
			if (options.runs("sequential")) {
				results.addAll(new PublishingBenchmark(setup).runSequential());
			}
			if (options.runs("relay")) {
				results.addAll(new RelayBenchmark(setup).run());
			}
			if (options.runs("latency")) {
				results.addAll(new LatencyBenchmark(setup).run());
			}
			if (options.runs("outbox")) {
				results.addAll(new OutboxBenchmark(setup).run());
			}
			if (options.runs("inbox")) {
				results.addAll(new InboxBenchmark(setup).run());
			}
			if (options.runs("footprint")) {
				results.addAll(new FootprintBenchmark(setup).run());
			}
			if (options.runs("request-reply")) {
				results.addAll(new RequestReplyBenchmark(setup).run());
			}
			return BenchmarkReport.of(options, broker.description(), results,
					Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * Measure each side once per round, in the given order in even rounds and in reverse
	 * order in odd ones, so that no side always runs first.
	 * @param options the options, with the number of rounds
	 * @param sides the measurements of each side
	 */
	static void rounds(BenchmarkOptions options, Runnable... sides) {
		for (int round = 0; round < options.rounds(); round++) {
			inOrder(round, sides);
		}
	}

	static void inOrder(int round, Runnable... sides) {
		List<Runnable> order = new ArrayList<>(Arrays.asList(sides));
		if (round % 2 == 1) {
			Collections.reverse(order);
		}
		order.forEach(Runnable::run);
	}

	private static void warmUp(BenchmarkSetup setup) {
		BenchmarkOptions options = setup.options();
		long start = System.nanoTime();
		if (options.runs("consuming") || options.runs("filtering") || options.runs("relay")
				|| options.runs("latency")) {
			new ConsumingBenchmark(setup).warmUp();
		}
		if (options.runs("publishing") || options.runs("sequential") || options.runs("relay")
				|| options.runs("latency")) {
			new PublishingBenchmark(setup).warmUp();
		}
		if (options.runs("outbox")) {
			new OutboxBenchmark(setup).warmUp();
		}
		log("JIT warm-up of both sides took %.1f s", (System.nanoTime() - start) / 1e9);
	}

	static Measurement logged(String name, Measurement measurement) {
		log("%-40s %,12.0f records/s, %6.1f µs CPU per record (%,d records moved)", name, measurement.value(),
				measurement.cpuMicrosPerRecord(), measurement.moved());
		return measurement;
	}

	static void log(String format, Object... args) {
		System.err.printf("[benchmarks %s %6.1fs] %s%n", LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
				(System.nanoTime() - STARTED) / 1e9, String.format(format, args));
	}

	static void sink(long value) {
		sink += value;
	}

}
