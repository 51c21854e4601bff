package dev.kafkaevents.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * Times records handled by the benchmark: wall-clock throughput, and the CPU time the
 * whole process spent per record, which other load on the machine disturbs less. The JIT
 * compiler threads are left out of the CPU time (on Linux, where {@code /proc/self/task}
 * shows them): they run in bursts that fall into one measurement or another at random.
 *
 * @author kafka-events
 */
final class Stopwatch {

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final Path TASKS = Path.of("/proc/self/task");

	private static final long NANOS_PER_TICK = 10_000_000;

	private final long nanos = System.nanoTime();

	private final long cpuNanos = cpuNanos();

	private Stopwatch() {
	}

	static Stopwatch start() {
		return new Stopwatch();
	}

	/**
	 * Stop timing.
	 * @param records the records handled since the start
	 * @return the throughput
	 */
	Throughput stop(long records) {
		long elapsed = System.nanoTime() - this.nanos;
		long cpu = cpuNanos() - this.cpuNanos;
		return new Throughput(records * 1e9 / elapsed, cpu / 1e3 / records);
	}

	private static long cpuNanos() {
		return os.getProcessCpuTime() - compilerTicks() * NANOS_PER_TICK;
	}

	private static long compilerTicks() {
		if (!Files.isDirectory(TASKS)) {
			return 0;
		}
		try (Stream<Path> tasks = Files.list(TASKS)) {
			return tasks.mapToLong(Stopwatch::compilerTicks).sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static long compilerTicks(Path task) {
		try {
			String stat = Files.readString(task.resolve("stat"));
			int nameEnd = stat.lastIndexOf(')');
			String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
			if (!name.contains("CompilerThre")) {
				return 0;
			}
			String[] fields = stat.substring(nameEnd + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * Records per second, and microseconds of process CPU time per record.
	 *
	 * @param recordsPerSecond the wall-clock throughput
	 * @param cpuMicrosPerRecord the CPU time per record
	 */
	record Throughput(double recordsPerSecond, double cpuMicrosPerRecord) {

	}

}
