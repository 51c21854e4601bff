/**
 * Request-reply over Kafka: requests sent through a publishing mapping and awaited, and
 * requests consumed by a consuming mapping answered from its handlers.
 */
@NullMarked
package dev.kafkaevents.kafka.reply;

import org.jspecify.annotations.NullMarked;
