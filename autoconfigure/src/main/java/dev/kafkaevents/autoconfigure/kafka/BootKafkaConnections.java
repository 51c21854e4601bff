package dev.kafkaevents.autoconfigure.kafka;

import org.jspecify.annotations.Nullable;

/**
 * Spring Boot's Kafka connections for consuming and for publishing instances that set no
 * {@code brokers}, each {@code null} when Spring Boot has no connection configured.
 *
 * @param consumer connection of consuming instances, or {@code null}
 * @param producer connection of publishing instances, or {@code null}
 * @author kafka-events
 */
record BootKafkaConnections(@Nullable BootKafkaConnection consumer, @Nullable BootKafkaConnection producer) {

	/**
	 * No connection: every instance must set its brokers.
	 */
	static final BootKafkaConnections NONE = new BootKafkaConnections(null, null);

}
