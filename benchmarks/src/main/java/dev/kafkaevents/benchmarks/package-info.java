/**
 * Benchmarks of the kafka-events bridges against raw kafka-clients.
 */
@NullMarked
package dev.kafkaevents.benchmarks;

import org.jspecify.annotations.NullMarked;
