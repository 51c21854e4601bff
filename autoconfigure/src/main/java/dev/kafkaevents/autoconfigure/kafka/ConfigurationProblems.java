package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * What is wrong with the {@code events.modules.kafka} configuration, collected so that
 * every problem is reported at once, and the keys accepted without effect.
 *
 * @author kafka-events
 */
final class ConfigurationProblems {

	private final List<Problem> problems = new ArrayList<>();

	private final Set<String> keysWithoutEffect = new LinkedHashSet<>();

	/**
	 * Report a problem that fails startup.
	 * @param path the full path of the property to fix
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	void problem(String path, String description, String action) {
		this.problems.add(new Problem(path, description, action));
	}

	/**
	 * Report a key that is accepted but has no effect, if it is set.
	 * @param path the full path of the key
	 * @param value its value, or {@code null} when not set
	 */
	void noEffect(String path, @Nullable Object value) {
		if (value != null) {
			this.keysWithoutEffect.add(path);
		}
	}

	/**
	 * Report a missing value.
	 * @param <T> the type of the value
	 * @param path the full path of the property
	 * @param value the value, or {@code null}
	 * @param what what to set it to
	 * @return the value
	 */
	<T> @Nullable T required(String path, @Nullable T value, String what) {
		if (value == null) {
			problem(path, "Missing required config value.", "Set " + path + " to " + what + ".");
		}
		return value;
	}

	/**
	 * Report a missing or empty text.
	 * @param path the full path of the property
	 * @param value the value, or {@code null}
	 * @param what what to set it to
	 * @return the value, or an empty string when it is missing
	 */
	String requiredText(String path, @Nullable String value, String what) {
		if (!StringUtils.hasText(value)) {
			problem(path, (value == null) ? "Missing required config value." : "The value must not be empty.",
					"Set " + path + " to " + what + ".");
			return "";
		}
		return value;
	}

	/**
	 * Report a missing or empty list, or an empty entry.
	 * @param path the full path of the property
	 * @param values the values, or {@code null}
	 * @param what what to set it to
	 */
	void requiredTexts(String path, @Nullable List<String> values, String what) {
		if (values == null) {
			problem(path, "Missing required config value.", "Set " + path + " to " + what + ".");
			return;
		}
		validateTexts(path, values, what);
	}

	/**
	 * Report an empty list or an empty entry.
	 * @param path the full path of the property
	 * @param values the values
	 * @param what what to set it to
	 */
	void validateTexts(String path, List<String> values, String what) {
		if (values.isEmpty()) {
			problem(path, "The list must not be empty.", "Set " + path + " to " + what + ".");
		}
		for (int i = 0; i < values.size(); i++) {
			requiredText(path + "[" + i + "]", values.get(i), what);
		}
	}

	/**
	 * Throw if any problem was reported.
	 * @throws InvalidKafkaEventsConfigurationException listing every problem
	 */
	void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidKafkaEventsConfigurationException(this.problems);
		}
	}

	/**
	 * Log, once, the keys accepted without effect.
	 * @param logger the log
	 */
	void logKeysWithoutEffect(Log logger) {
		if (!this.keysWithoutEffect.isEmpty() && logger.isInfoEnabled()) {
			logger.info("These keys are accepted for Backstage compatibility but have no effect with the Java "
					+ "Kafka client: " + String.join(", ", this.keysWithoutEffect));
		}
	}

}
