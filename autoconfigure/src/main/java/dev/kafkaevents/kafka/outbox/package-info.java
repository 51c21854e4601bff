/**
 * Transactional outbox of the publishing mappings: records written in the publisher's
 * database transaction and sent to Kafka after commit, in order per record key, by
 * whichever application instance holds the key's lane.
 */
@NullMarked
package dev.kafkaevents.kafka.outbox;

import org.jspecify.annotations.NullMarked;
