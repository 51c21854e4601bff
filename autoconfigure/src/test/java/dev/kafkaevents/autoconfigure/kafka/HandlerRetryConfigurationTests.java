package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a consuming mapping's {@code retry.notRetryable} binds to exception classes,
 * so that a misspelt or wrong class fails startup naming the property.
 *
 * @author kafka-events
 */
class HandlerRetryConfigurationTests {

	private static final String MAPPING = "events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[0]";

	private final ApplicationContextRunner contextRunner = KafkaEventsContextRunners.withYaml()
		.withPropertyValues("events.modules.kafka.kafkaConsumingEventPublisher.dev.clientId=backstage-events",
				"events.modules.kafka.kafkaConsumingEventPublisher.dev.brokers=kafka1:9092", MAPPING + ".topic=events",
				MAPPING + ".kafka.topics=topic-A", MAPPING + ".kafka.groupId=my-group");

	@Test
	void notRetryableBindsToExceptionClasses() {
		this.contextRunner
			.withPropertyValues(MAPPING + ".retry.notRetryable[0]=java.lang.UnsupportedOperationException",
					MAPPING + ".retry.not-retryable[1]=java.io.IOException")
			.run((context) -> {
				HandlerRetry retry = context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).retry();
				assertThat(retry.notRetryable()).containsExactly(UnsupportedOperationException.class,
						java.io.IOException.class);
			});
	}

	@Test
	void aMisspeltNotRetryableClassFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(MAPPING + ".retry.notRetryable[0]=java.lang.UnsuportedOperationException")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("java.lang.UnsuportedOperationException");
				BindException bindFailure = findCause(context.getStartupFailure(), BindException.class);
				assertThat(bindFailure.getProperty().getName().toString()).startsWith("events.modules.kafka.")
					.endsWith(".dev.topics[0].retry.not-retryable[0]");
			});
	}

	@Test
	void aNotRetryableClassThatIsNoExceptionFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(MAPPING + ".retry.notRetryable[0]=java.lang.String").run((context) -> {
			InvalidKafkaEventsConfigurationException failure = findCause(context.getStartupFailure(),
					InvalidKafkaEventsConfigurationException.class);
			assertThat(failure.getProblems()).containsExactly(
					new Problem(MAPPING + ".retry.notRetryable[0]", "java.lang.String is not an exception class.",
							"Set " + MAPPING + ".retry.notRetryable[0] to the name of an Exception subclass."));
		});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getName() + " in " + failure);
	}

}
