/**
 * Database schemas of kafka-events' tables (outbox, inbox): shared properties and
 * initialization.
 */
@NullMarked
package dev.kafkaevents.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
