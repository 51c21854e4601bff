package dev.kafkaevents.autoconfigure.outbox;

import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.PublishingTopic;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one publishing mapping is outbox-backed, by its own
 * {@code outbox} or its instance's.
 *
 * @author kafka-events
 */
class OnOutboxMappingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		KafkaEventsProperties properties = Binder.get(context.getEnvironment())
			.bind("events.modules.kafka", KafkaEventsProperties.class)
			.orElseGet(KafkaEventsProperties::new);
		for (Map.Entry<String, Publishing> instance : properties.getKafkaPublishingEventConsumer().entrySet()) {
			if (hasOutboxMapping(instance.getValue())) {
				return ConditionOutcome.match("publishing instance '" + instance.getKey() + "' has an outbox mapping");
			}
		}
		return ConditionOutcome.noMatch("no publishing mapping sets outbox: true");
	}

	private static boolean hasOutboxMapping(Publishing instance) {
		if (instance.getTopics() == null) {
			return false;
		}
		for (PublishingTopic topic : instance.getTopics()) {
			if ((topic.getOutbox() != null) ? topic.getOutbox() : instance.isOutbox()) {
				return true;
			}
		}
		return false;
	}

}
