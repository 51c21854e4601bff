package dev.kafkaevents.benchmarks;

/**
 * One side's figure in one round, with the records it moved.
 *
 * @param value the figure
 * @param moved the records moved
 * @author kafka-events
 */
record Measurement(double value, long moved) {

}
