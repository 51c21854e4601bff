package dev.kafkaevents.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

import org.jspecify.annotations.Nullable;

/**
 * One row of the results: a figure of raw kafka-clients and of the bridge, measured the
 * same way, their ratio and the target for it.
 *
 * @param name what was measured
 * @param unit the unit of both figures
 * @param raw the raw kafka-clients figure (median of the rounds), or {@code null} when
 * there is no raw counterpart
 * @param bridge the bridge figure (median of the rounds)
 * @param target the target for the ratio bridge / raw
 * @param moved the records each side moved in its last round, for checking the harness
 * @param cpu the CPU time per record of each side, for throughput cases
 * @author kafka-events
 */
public record Result(String name, Unit unit, @Nullable Double raw, double bridge, Target target, @Nullable Moved moved,
		@Nullable Cpu cpu) {

	static Result of(String name, Unit unit, @Nullable List<Double> raw, List<Double> bridge, Target target,
			@Nullable Moved moved) {
		return new Result(name, unit, (raw != null) ? median(raw) : null, median(bridge), target, moved, null);
	}

	static Result throughput(String name, List<Measurement> raw, List<Measurement> bridge, Target target, Moved moved) {
		Cpu cpu = new Cpu(median(raw.stream().map(Measurement::cpuMicrosPerRecord).toList()),
				median(bridge.stream().map(Measurement::cpuMicrosPerRecord).toList()));
		return new Result(name, Unit.RECORDS_PER_SECOND, median(raw.stream().map(Measurement::value).toList()),
				median(bridge.stream().map(Measurement::value).toList()), target, moved, cpu);
	}

	/**
	 * Return this result without CPU figures, for a case bound by round trips rather than
	 * CPU, whose CPU per record mostly measures what the process does while waiting.
	 * @return the result
	 */
	Result withoutCpu() {
		return new Result(this.name, this.unit, this.raw, this.bridge, this.target, this.moved, null);
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * Return bridge / raw.
	 * @return the ratio, or {@code null} without a raw figure
	 */
	public @Nullable Double ratio() {
		return (this.raw != null && this.raw != 0) ? this.bridge / this.raw : null;
	}

	/**
	 * Return whether the target is met.
	 * @return whether met, or {@code null} when the row has no checkable target
	 */
	public @Nullable Boolean met() {
		Double ratio = ratio();
		return (ratio != null && this.target.check() != null) ? this.target.check().test(ratio) : null;
	}

	/**
	 * Units of the figures, with how to print them.
	 */
	public enum Unit {

		/**
		 * Records per second, higher is better.
		 */
		RECORDS_PER_SECOND("records/s", "%,.0f"),

		/**
		 * Milliseconds of latency, lower is better.
		 */
		LATENCY_MILLISECONDS("ms", "%,.2f"),

		/**
		 * Milliseconds of start-up, lower is better.
		 */
		MILLISECONDS("ms", "%,.0f"),

		/**
		 * Mebibytes of heap, lower is better.
		 */
		MEBIBYTES("MiB", "%,.1f"),

		/**
		 * Kibibytes of heap, lower is better.
		 */
		KIBIBYTES("KiB", "%,.0f");

		private final String label;

		private final String format;

		Unit(String label, String format) {
			this.label = label;
			this.format = format;
		}

		String label() {
			return this.label;
		}

		String format(double value) {
			return String.format(Locale.ROOT, this.format, value);
		}

	}

	/**
	 * A target for the ratio bridge / raw, as the issue states it.
	 *
	 * @param text how the target reads
	 * @param check the test of the ratio, or {@code null} when it is not a ratio bound
	 */
	public record Target(String text, @Nullable DoublePredicate check) {

		static Target atLeast(double ratio) {
			return new Target(String.format(Locale.ROOT, "≥ %.2f×", ratio), (value) -> value >= ratio);
		}

		static Target atMost(double ratio) {
			return new Target(String.format(Locale.ROOT, "≤ %.2f×", ratio), (value) -> value <= ratio);
		}

		static Target described(String text) {
			return new Target(text, null);
		}

	}

	/**
	 * CPU time of the whole process per record while a throughput was measured (medians
	 * of the rounds).
	 *
	 * @param raw microseconds per record of raw kafka-clients
	 * @param bridge microseconds per record of the bridge
	 */
	public record Cpu(double raw, double bridge) {

		/**
		 * Return bridge / raw.
		 * @return the ratio
		 */
		public double ratio() {
			return this.bridge / this.raw;
		}

	}

	/**
	 * Records moved by each side, and how many were expected.
	 *
	 * @param expected the records each side should have moved
	 * @param raw the records moved by raw kafka-clients, or {@code -1} if not counted
	 * @param bridge the records moved by the bridge
	 */
	public record Moved(long expected, long raw, long bridge) {

	}

}
