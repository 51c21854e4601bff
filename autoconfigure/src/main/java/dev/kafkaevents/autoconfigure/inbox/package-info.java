/**
 * Auto-configuration of the inbox of the idempotent consuming mappings.
 */
@NullMarked
package dev.kafkaevents.autoconfigure.inbox;

import org.jspecify.annotations.NullMarked;
