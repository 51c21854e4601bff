/**
 * TLS and SASL support for the Kafka clients of the bridges: an SSL engine factory on
 * Spring Boot SSL bundles and explanations of authentication failures.
 */
@NullMarked
package dev.kafkaevents.kafka.security;

import org.jspecify.annotations.NullMarked;
