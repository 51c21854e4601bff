package dev.kafkaevents.autoconfigure.inbox;

import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one consuming mapping sets {@code idempotent: true}.
 *
 * @author kafka-events
 */
class OnIdempotentMappingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		KafkaEventsProperties properties = Binder.get(context.getEnvironment())
			.bind("events.modules.kafka", KafkaEventsProperties.class)
			.orElseGet(KafkaEventsProperties::new);
		for (Map.Entry<String, Consuming> instance : properties.getKafkaConsumingEventPublisher().entrySet()) {
			if (instance.getValue().getTopics() != null
					&& instance.getValue().getTopics().stream().anyMatch((topic) -> topic.isIdempotent())) {
				return ConditionOutcome
					.match("consuming instance '" + instance.getKey() + "' has an idempotent mapping");
			}
		}
		return ConditionOutcome.noMatch("no consuming mapping sets idempotent: true");
	}

}
