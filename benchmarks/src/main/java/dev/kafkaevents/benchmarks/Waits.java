package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import dev.kafkaevents.benchmarks.Stopwatch.Throughput;

/**
 * Waiting for conditions and timing counters, with a timeout that names what was awaited.
 *
 * @author kafka-events
 */
final class Waits {

	private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private Waits() {
	}

	/**
	 * Wait until a condition holds.
	 * @param condition the condition
	 * @param timeout how long to wait at most
	 * @param what what is awaited, for the timeout message
	 */
	static void until(BooleanSupplier condition, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out after " + timeout.toSeconds() + "s waiting for " + what);
			}
			LockSupport.parkNanos(SAMPLE_NANOS);
		}
	}

	/**
	 * Measure the rate at which a counter grows from one value to another, sampling it
	 * every millisecond.
	 * @param count the counter
	 * @param from the value at which timing starts (the warm-up)
	 * @param to the value at which timing ends
	 * @param timeout how long to wait at most, in all
	 * @param check called while waiting, throws if the work failed
	 * @return the throughput
	 */
	static Throughput rate(LongSupplier count, long from, long to, Duration timeout, Runnable check) {
		until(() -> checked(check, count) >= from, timeout, "the warm-up (" + from + " records)");
		Stopwatch stopwatch = Stopwatch.start();
		long startCount = count.getAsLong();
		until(() -> checked(check, count) >= to, timeout, to + " records, " + count.getAsLong() + " so far");
		return stopwatch.stop(count.getAsLong() - startCount);
	}

	private static long checked(Runnable check, LongSupplier count) {
		check.run();
		return count.getAsLong();
	}

	/**
	 * Return a timeout suited to handling a number of records at a slow pace.
	 * @param records the records
	 * @return the timeout
	 */
	static Duration forRecords(long records) {
		return Duration.ofSeconds(60 + records / 500);
	}

}
