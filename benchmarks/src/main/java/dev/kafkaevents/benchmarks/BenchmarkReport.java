package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The results of a run with what they were measured on.
 *
 * @param options the options of the run
 * @param broker the broker the run used
 * @param results the results, in case order
 * @param date when the run finished
 * @param duration how long the run took
 * @author kafka-events
 */
public record BenchmarkReport(BenchmarkOptions options, String broker, List<Result> results, ZonedDateTime date,
		Duration duration) {

	static BenchmarkReport of(BenchmarkOptions options, String broker, List<Result> results, Duration duration) {
		return new BenchmarkReport(options, broker, List.copyOf(results), ZonedDateTime.now(ZoneOffset.UTC), duration);
	}

	/**
	 * Return the report as markdown: what the run measured on, then the table.
	 * @return the markdown
	 */
	public String markdown() {
		Runtime runtime = Runtime.getRuntime();
		BenchmarkOptions options = this.options;
		return String.format(Locale.ROOT, """
				- date: %s
				- JDK: %s %s (%s), max heap %,d MiB
				- machine: %s %s, %d cores available to the JVM
				- broker: %s
				- throughput cases: %,d records measured after %,d warm-up records, %,d-byte JSON values, \
				%d partitions; one at a time: %,d after %,d; latency: %,d records at %,d records/s after %,d
				- rounds: %d (median shown, order of the sides reversed in every other round), JIT warm-up: %s; \
				run took %d s

				""", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(this.date.withNano(0)) + "Z",
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				System.getProperty("java.vm.vendor"), runtime.maxMemory() / (1024 * 1024),
				System.getProperty("os.name"), System.getProperty("os.arch"), runtime.availableProcessors(),
				this.broker, options.records(), options.warmup(), options.size(), options.partitions(),
				options.sequentialRecords(), Math.max(1, options.sequentialRecords() / 5), options.latencyRecords(),
				options.latencyRate(), Math.max(1, options.latencyRecords() / 5), options.rounds(),
				options.jitWarmup() ? "yes" : "no", this.duration.toSeconds()) + ResultTable.render(this.results);
	}

}
