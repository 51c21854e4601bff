package dev.kafkaevents.autoconfigure.kafka;

import java.util.stream.Collectors;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidKafkaEventsConfigurationException}, naming each property to
 * fix.
 *
 * @author kafka-events
 */
class InvalidKafkaEventsConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidKafkaEventsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidKafkaEventsConfigurationException cause) {
		String description = cause.getProblems()
			.stream()
			.map((problem) -> "    " + problem.property() + ": " + problem.description())
			.collect(Collectors.joining("\n", "The Kafka events configuration is invalid:\n\n", ""));
		String action = cause.getProblems()
			.stream()
			.map(Problem::action)
			.distinct()
			.map((text) -> "    " + text)
			.collect(Collectors.joining("\n", "Update your application's configuration:\n\n", ""));
		return new FailureAnalysis(description, action, cause);
	}

}
