package dev.kafkaevents.sample;

/**
 * Payload of the sample's catalog entity events, in the style of Backstage's
 * {@code catalog.entity.*} topics.
 *
 * @param entityRef reference of the entity, such as {@code component:default/petstore}
 * @param kind kind of the entity
 * @param owner owner of the entity
 * @author kafka-events
 */
public record EntityEvent(String entityRef, String kind, String owner) {

}
