package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Thrown when the {@code events.modules.kafka} configuration is invalid; each problem
 * names the property to fix.
 *
 * @author kafka-events
 */
public class InvalidKafkaEventsConfigurationException extends RuntimeException {

	private final List<Problem> problems;

	/**
	 * Create a new exception for the given problems.
	 * @param problems the problems, at least one
	 */
	public InvalidKafkaEventsConfigurationException(List<Problem> problems) {
		super(describe(problems));
		Assert.notEmpty(problems, "'problems' must not be empty");
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the problems found.
	 * @return the problems
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	private static String describe(List<Problem> problems) {
		return problems.stream()
			.map((problem) -> problem.property() + ": " + problem.description())
			.collect(Collectors.joining("; ", "Invalid Kafka events configuration: ", ""));
	}

	/**
	 * One configuration problem.
	 *
	 * @param property the full path of the property to fix
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public record Problem(String property, String description, String action) {

	}

}
