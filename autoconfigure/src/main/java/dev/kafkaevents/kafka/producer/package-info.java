/**
 * Events to Kafka bridge: a subscriber per publishing mapping that sends each event of
 * its events topic to its Kafka topic, and the producers it sends with.
 */
@NullMarked
package dev.kafkaevents.kafka.producer;

import org.jspecify.annotations.NullMarked;
