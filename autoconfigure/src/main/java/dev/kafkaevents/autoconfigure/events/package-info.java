/**
 * Auto-configuration for the in-process events service.
 */
@NullMarked
package dev.kafkaevents.autoconfigure.events;

import org.jspecify.annotations.NullMarked;
