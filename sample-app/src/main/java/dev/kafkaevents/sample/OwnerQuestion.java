package dev.kafkaevents.sample;

/**
 * A question asked over Kafka: who owns an entity?
 *
 * @param entityRef the entity reference, such as {@code component:default/petstore}
 * @author kafka-events
 */
public record OwnerQuestion(String entityRef) {

}
