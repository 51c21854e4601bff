/**
 * Inbox of the idempotent consuming mappings: the ids of the records whose handling
 * committed, kept in the handlers' database transaction so that a redelivered record is
 * recognised and skipped.
 */
@NullMarked
package dev.kafkaevents.kafka.inbox;

import org.jspecify.annotations.NullMarked;
