package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import org.jspecify.annotations.Nullable;

/**
 * Reads a consuming mapping's {@code deadLetterTopic}: a topic name, {@code true} for one
 * default dead-letter topic per Kafka topic, or {@code false} for none.
 *
 * @author kafka-events
 */
final class DeadLetterTopicSetting {

	private DeadLetterTopicSetting() {
	}

	static @Nullable String named(ConsumingTopic topic) {
		String value = topic.getDeadLetterTopic();
		return (value == null || isDefault(topic) || "false".equalsIgnoreCase(value)) ? null : value;
	}

	static boolean isDefault(ConsumingTopic topic) {
		return "true".equalsIgnoreCase(topic.getDeadLetterTopic());
	}

}
