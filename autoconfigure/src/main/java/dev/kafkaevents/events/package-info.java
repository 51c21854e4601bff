/**
 * In-process events service: topics, subscribers, {@code @EventHandler} methods.
 */
@NullMarked
package dev.kafkaevents.events;

import org.jspecify.annotations.NullMarked;
