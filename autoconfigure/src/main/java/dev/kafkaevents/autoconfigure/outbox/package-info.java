/**
 * Auto-configuration of the transactional outbox of the publishing mappings.
 */
@NullMarked
package dev.kafkaevents.autoconfigure.outbox;

import org.jspecify.annotations.NullMarked;
