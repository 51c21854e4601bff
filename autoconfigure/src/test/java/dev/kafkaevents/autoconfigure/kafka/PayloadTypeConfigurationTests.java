package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a publishing mapping's {@code payloadType} binds to a class, so that a
 * misspelt class fails startup naming the property, and that a type goes to one events
 * topic only.
 *
 * @author kafka-events
 */
class PayloadTypeConfigurationTests {

	private static final String INSTANCE = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	private final ApplicationContextRunner contextRunner = KafkaEventsContextRunners.withYaml()
		.withPropertyValues(INSTANCE + ".clientId=backstage-events", INSTANCE + ".brokers=kafka1:9092",
				INSTANCE + ".topics[0].topic=orders", INSTANCE + ".topics[0].kafka.topic=orders-out",
				INSTANCE + ".topics[1].topic=payments", INSTANCE + ".topics[1].kafka.topic=payments-out",
				INSTANCE + ".topics[2].topic=orders", INSTANCE + ".topics[2].kafka.topic=orders-audit");

	@Test
	void payloadTypeBindsToAClassInBothSpellingsAndIsNullWhenNotSet() {
		this.contextRunner
			.withPropertyValues(INSTANCE + ".topics[0].payloadType=java.lang.CharSequence",
					INSTANCE + ".topics[1].payload-type=java.lang.Number")
			.run((context) -> assertThat(context.getBean(KafkaInstanceRegistry.class).getPublishingMappings())
				.extracting(PublishingMapping::payloadType)
				.containsExactly(CharSequence.class, Number.class, null));
	}

	@Test
	void aMisspeltPayloadTypeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(INSTANCE + ".topics[1].payloadType=com.example.OrderCreatd")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("com.example.OrderCreatd");
				BindException bindFailure = findCause(context.getStartupFailure(), BindException.class);
				assertThat(bindFailure.getProperty().getName().toString()).startsWith("events.modules.kafka.")
					.endsWith(".dev.topics[1].payload-type");
			});
	}

	@Test
	void aTypeAssignableToThePayloadTypeOfAnotherEventsTopicFailsStartupNamingBothProperties() {
		this.contextRunner
			.withPropertyValues(INSTANCE + ".topics[0].payloadType=java.lang.CharSequence",
					INSTANCE + ".topics[1].payloadType=java.lang.String")
			.run((context) -> {
				InvalidKafkaEventsConfigurationException failure = findCause(context.getStartupFailure(),
						InvalidKafkaEventsConfigurationException.class);
				assertThat(failure.getProblems()).containsExactly(new Problem(INSTANCE + ".topics[1].payloadType",
						"An object of type java.lang.String would go to events topic 'payments' through this "
								+ "payloadType (java.lang.String) and to events topic 'orders' through " + INSTANCE
								+ ".topics[0].payloadType (java.lang.CharSequence).",
						"Map java.lang.String to one events topic: change " + INSTANCE + ".topics[1].payloadType or "
								+ INSTANCE + ".topics[0].payloadType so that neither type is assignable to the "
								+ "other, or give both mappings the same topic."));
			});
	}

	@Test
	void theSameTypeOnAnotherEventsTopicFailsStartup() {
		this.contextRunner
			.withPropertyValues(INSTANCE + ".topics[0].payloadType=java.lang.Number",
					INSTANCE + ".topics[1].payloadType=java.lang.Number")
			.run((context) -> assertThat(
					findCause(context.getStartupFailure(), InvalidKafkaEventsConfigurationException.class)
						.getProblems())
				.extracting(Problem::property)
				.containsExactly(INSTANCE + ".topics[1].payloadType"));
	}

	@Test
	void relatedTypesOnTheSameEventsTopicAndUnrelatedTypesOnOthersAreAccepted() {
		this.contextRunner
			.withPropertyValues(INSTANCE + ".topics[0].payloadType=java.lang.CharSequence",
					INSTANCE + ".topics[2].payloadType=java.lang.String",
					INSTANCE + ".topics[1].payloadType=java.lang.Number")
			.run((context) -> assertThat(context).hasNotFailed());
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
