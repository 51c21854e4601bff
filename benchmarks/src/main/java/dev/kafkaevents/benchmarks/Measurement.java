package dev.kafkaevents.benchmarks;

import dev.kafkaevents.benchmarks.Stopwatch.Throughput;

/**
 * One side's throughput in one round, with the records it moved.
 *
 * @param throughput the throughput
 * @param moved the records moved
 * @author kafka-events
 */
record Measurement(Throughput throughput, long moved) {

	double value() {
		return this.throughput.recordsPerSecond();
	}

	double cpuMicrosPerRecord() {
		return this.throughput.cpuMicrosPerRecord();
	}

}
