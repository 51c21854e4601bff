package dev.kafkaevents.sample;

import org.jspecify.annotations.Nullable;

/**
 * The answer to an {@link OwnerQuestion}.
 *
 * @param entityRef the entity reference asked about
 * @param known whether the answering side has received the entity from Kafka
 * @param owner the owner of the entity, or {@code null} when it is not known
 * @author kafka-events
 */
public record OwnerAnswer(String entityRef, boolean known, @Nullable String owner) {

}
