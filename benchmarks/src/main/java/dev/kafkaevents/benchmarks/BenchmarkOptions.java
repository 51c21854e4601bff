package dev.kafkaevents.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Options of a benchmark run, parsed from {@code --name value} or {@code --name=value}
 * arguments.
 *
 * @param bootstrap bootstrap address of an external broker, or {@code null} to start the
 * in-JVM KRaft broker
 * @param records measured records of each throughput case
 * @param warmup records handled before measuring, in each throughput case
 * @param size size of each record value in bytes (JSON)
 * @param partitions partitions of each benchmark topic
 * @param sequentialRecords measured records of the one-at-a-time publishing case
 * @param latencyRecords measured records of the latency case
 * @param latencyRate records per second sent in the latency case
 * @param mappings mapping counts of the footprint case
 * @param rounds times each case is measured; the table shows the median
 * @param jitWarmup whether both sides run once, unmeasured, before the first case
 * @param cases the cases to run
 * @param output the file the markdown table is written to
 * @param requestReplyRequests measured round trips of each request-reply case
 * @author kafka-events
 */
public record BenchmarkOptions(@Nullable String bootstrap, long records, long warmup, int size, int partitions,
		long sequentialRecords, long latencyRecords, int latencyRate, List<Integer> mappings, int rounds,
		boolean jitWarmup, Set<String> cases, Path output, long requestReplyRequests) {

	/**
	 * Names of all cases, in the order they run.
	 */
	public static final List<String> ALL_CASES = List.of("consuming", "share-group", "filtering", "publishing",
			"sequential", "relay", "latency", "outbox", "inbox", "footprint", "request-reply");

	static final String USAGE = """
			Usage: java -jar benchmarks/target/kafka-events-benchmarks.jar [options]
			  --bootstrap host:port    use this broker instead of starting the in-JVM KRaft broker
			  --records N              measured records per throughput case (default 200000)
			  --warmup N               records handled before measuring (default records / 4)
			  --size BYTES             record value size, JSON (default 1024)
			  --partitions N           partitions per topic (default 3)
			  --sequential-records N   measured records of one-at-a-time publishing and of the outbox case with one
			                           event per transaction (ten times as many with 100 per transaction, and in the
			                           inbox cases) (default 3000)
			  --latency-records N      measured records of the latency case (default 5000)
			  --latency-rate N         records per second in the latency case (default 1000)
			  --mappings A,B,C         mapping counts of the footprint case (default 1,10,50)
			  --rounds N               measure each case N times, report the median (default 1)
			  --jit-warmup BOOLEAN     run both sides once, unmeasured, before the first case (default true)
			  --request-reply-requests N  measured round trips of each request-reply case (default 5000)
			  --cases a,b              any of consuming,share-group,filtering,publishing,sequential,relay,latency,outbox,
			                           inbox,footprint,request-reply
			  --output FILE            where the markdown table goes (default benchmarks/target/benchmark-results.md)
			""";

	/**
	 * Parse command-line arguments.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException if an argument is unknown or malformed
	 */
	public static BenchmarkOptions parse(String... args) {
		Map<String, String> values = values(args);
		long records = longValue(values, "records", 200_000);
		long sequential = longValue(values, "sequential-records", 3_000);
		Set<String> cases = new LinkedHashSet<>(list(values.getOrDefault("cases", String.join(",", ALL_CASES))));
		cases.stream()
			.filter((name) -> !ALL_CASES.contains(name))
			.findFirst()
			.ifPresent((name) -> fail("Unknown case '" + name + "'"));
		return new BenchmarkOptions(values.get("bootstrap"), records, longValue(values, "warmup", records / 4),
				(int) longValue(values, "size", 1024), (int) longValue(values, "partitions", 3), sequential,
				longValue(values, "latency-records", 5_000), (int) longValue(values, "latency-rate", 1_000),
				list(values.getOrDefault("mappings", "1,10,50")).stream().map(Integer::valueOf).toList(),
				(int) longValue(values, "rounds", 1), booleanValue(values, "jit-warmup", true), cases,
				Path.of(values.getOrDefault("output", "benchmarks/target/benchmark-results.md")),
				longValue(values, "request-reply-requests", 5_000));
	}

	private static Map<String, String> values(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				fail("Unexpected argument '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
			String value = (equals > 0) ? arg.substring(equals + 1) : (i + 1 < args.length) ? args[++i] : null;
			if (!USAGE.contains("--" + name + " ") || value == null) {
				fail("Unknown option or missing value: '" + arg + "'");
			}
			values.put(name, value);
		}
		return values;
	}

	private static long longValue(Map<String, String> values, String name, long defaultValue) {
		String value = values.get(name);
		try {
			long result = (value != null) ? Long.parseLong(value.replace("_", "")) : defaultValue;
			if (result <= 0) {
				fail("--" + name + " must be positive, but is " + value);
			}
			return result;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, but is '" + value + "'");
		}
	}

	private static boolean booleanValue(Map<String, String> values, String name, boolean defaultValue) {
		String value = values.getOrDefault(name, String.valueOf(defaultValue));
		if (!value.equals("true") && !value.equals("false")) {
			fail("--" + name + " must be true or false, but is '" + value + "'");
		}
		return Boolean.parseBoolean(value);
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static void fail(String message) {
		throw new IllegalArgumentException(message + "\n" + USAGE);
	}

	/**
	 * Return whether a case is to run.
	 * @param name the case name
	 * @return whether it runs
	 */
	public boolean runs(String name) {
		return this.cases.contains(name);
	}

	/**
	 * Return the records handled in each throughput case: warm-up and measured ones.
	 * @return the total
	 */
	long total() {
		return this.warmup + this.records;
	}

}
