package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of the connection and retry keys, one per case of Backstage's
 * {@code utils/config.test.ts}, each a publishing instance of
 * {@code connection-retry.yaml}.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionConfigurationTests {

	private static final String NO_EFFECT = "These keys are accepted for Backstage compatibility but have no effect "
			+ "with the Java Kafka client: ";

	@Test
	void absentRetryLeavesEveryRetryKeyUnset() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			assertUnset(instance(context, "no-retry").getRetry());
			assertThat(producer(context, "no-retry")).doesNotContainKeys("retries", "retry.backoff.ms",
					"retry.backoff.max.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms");
		});
	}

	@Test
	void emptyRetryLeavesEveryRetryKeyUnset() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			assertUnset(instance(context, "empty-retry").getRetry());
			assertThat(producer(context, "empty-retry")).doesNotContainKeys("retries", "retry.backoff.ms",
					"retry.backoff.max.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms");
		});
	}

	@Test
	void retryInMillisecondObjectsAndNumbersMapToBackoffAndRetries() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Retry retry = instance(context, "millis").getRetry();
			assertThat(retry.getMaxRetryTime()).isEqualTo(Duration.ofMillis(20000));
			assertThat(retry.getInitialRetryTime()).isEqualTo(Duration.ofMillis(200));
			assertThat(retry.getFactor()).isEqualTo(0.4);
			assertThat(retry.getMultiplier()).isEqualTo(4.0);
			assertThat(retry.getRetries()).isEqualTo(10);
			assertThat(producer(context, "millis")).contains(entry("retry.backoff.ms", 200L),
					entry("reconnect.backoff.ms", 200L), entry("retry.backoff.max.ms", 20000L),
					entry("reconnect.backoff.max.ms", 20000L), entry("retries", 10));
		});
	}

	@Test
	void retryWithUnitObjectsAndNumericStringsBinds() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Retry retry = instance(context, "strings").getRetry();
			assertThat(retry.getMaxRetryTime()).isEqualTo(Duration.ofSeconds(20));
			assertThat(retry.getInitialRetryTime()).isEqualTo(Duration.ofMinutes(1));
			assertThat(retry.getFactor()).isEqualTo(0.4);
			assertThat(retry.getMultiplier()).isEqualTo(4.0);
			assertThat(retry.getRetries()).isEqualTo(10);
			assertThat(producer(context, "strings")).contains(entry("retry.backoff.ms", 60000L),
					entry("retry.backoff.max.ms", 20000L), entry("retries", 10));
		});
	}

	@Test
	void retryWithHoursAndDaysOnlyLeavesTheOtherRetryKeysUnset() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Retry retry = instance(context, "human").getRetry();
			assertThat(retry.getMaxRetryTime()).isEqualTo(Duration.ofHours(1));
			assertThat(retry.getInitialRetryTime()).isEqualTo(Duration.ofDays(1));
			assertThat(retry.getFactor()).isNull();
			assertThat(retry.getMultiplier()).isNull();
			assertThat(retry.getRetries()).isNull();
			assertThat(producer(context, "human"))
				.contains(entry("retry.backoff.max.ms", 3600000L), entry("retry.backoff.ms", 86400000L))
				.doesNotContainKey("retries");
		});
	}

	@Test
	void partialRetryMapsOnlyWhatIsSet() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Retry retry = instance(context, "partial").getRetry();
			assertThat(retry.getMaxRetryTime()).isEqualTo(Duration.ofMillis(15000));
			assertThat(retry.getRetries()).isEqualTo(5);
			assertThat(retry.getInitialRetryTime()).isNull();
			assertThat(producer(context, "partial"))
				.contains(entry("retry.backoff.max.ms", 15000L), entry("reconnect.backoff.max.ms", 15000L),
						entry("retries", 5))
				.doesNotContainKeys("retry.backoff.ms", "reconnect.backoff.ms");
		});
	}

	@Test
	void minimalConnectionLeavesEveryOptionalKeyUnset() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Publishing instance = instance(context, "no-retry");
			assertThat(instance.getAuthenticationTimeout()).isNull();
			assertThat(instance.getConnectionTimeout()).isNull();
			assertThat(instance.getRequestTimeout()).isNull();
			assertThat(instance.getEnforceRequestTimeout()).isNull();
			assertThat(instance.getSsl().isEffectivelyEnabled()).isFalse();
			assertThat(instance.getSasl().isConfigured()).isFalse();
			assertThat(producer(context, "no-retry")).containsOnlyKeys("bootstrap.servers", "client.id",
					"key.serializer", "value.serializer", "acks", "linger.ms", "batch.size");
		});
	}

	@Test
	void fullConnectionMapsTimeoutsAndKeepsKeysWithoutJavaEquivalentOutOfTheMap() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Publishing instance = instance(context, "millis");
			assertThat(instance.getAuthenticationTimeout()).isEqualTo(Duration.ofMillis(20000));
			assertThat(instance.getEnforceRequestTimeout()).isFalse();
			assertThat(producer(context, "millis"))
				.contains(entry("socket.connection.setup.timeout.ms", 1500L), entry("request.timeout.ms", 20000))
				.doesNotContainKeys("socket.connection.setup.timeout.max.ms", "sasl.login.connect.timeout.ms");
		});
	}

	@Test
	void humanDurationsForTimeoutsMapToMilliseconds() {
		KafkaEventsContextRunners.withYaml("connection-retry.yaml").run((context) -> {
			Publishing instance = instance(context, "human");
			assertThat(instance.getAuthenticationTimeout()).isEqualTo(Duration.ofHours(1));
			assertThat(instance.getConnectionTimeout()).isEqualTo(Duration.ofDays(1));
			assertThat(instance.getRequestTimeout()).isEqualTo(Duration.ofMinutes(5));
			assertThat(producer(context, "human")).contains(entry("socket.connection.setup.timeout.ms", 86400000L),
					entry("socket.connection.setup.timeout.max.ms", 86400000L), entry("request.timeout.ms", 300000));
		});
	}

	@Test
	void keysWithoutJavaEquivalentAreLoggedOnceWithTheirFullPaths(CapturedOutput output) {
		String dev = "events.modules.kafka.kafkaPublishingEventConsumer.dev";
		KafkaEventsContextRunners.withYaml("publishing-all-fields.yaml")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce(NO_EFFECT + dev + ".authenticationTimeout, " + dev
				+ ".enforceRequestTimeout, " + dev + ".retry.factor, " + dev + ".retry.multiplier, " + dev
				+ ".topics[0].kafka.allowAutoTopicCreation, " + dev + ".topics[0].kafka.retry.factor, " + dev
				+ ".topics[0].kafka.retry.multiplier" + System.lineSeparator());
	}

	@Test
	void retriesOfAConsumingInstanceAreLoggedAsWithoutEffect(CapturedOutput output) {
		String dev = "events.modules.kafka.kafkaConsumingEventPublisher.dev";
		KafkaEventsContextRunners.withYaml("consuming-durations.yaml")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce(NO_EFFECT + dev + ".authenticationTimeout, " + dev + ".retry.factor, " + dev
				+ ".retry.multiplier, " + dev + ".retry.retries" + System.lineSeparator());
	}

	@Test
	void keysWithEffectOnlyLogNothing(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("publishing-required.yaml")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(NO_EFFECT);
	}

	private static Publishing instance(AssertableApplicationContext context, String name) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaEventsProperties.class).getKafkaPublishingEventConsumer().get(name);
	}

	private static Map<String, Object> producer(AssertableApplicationContext context, String name) {
		assertThat(context).hasNotFailed();
		return KafkaEventsContextRunners
			.publishingProperties(context.getBean(dev.kafkaevents.kafka.KafkaInstanceRegistry.class))
			.get(name);
	}

	private static void assertUnset(Retry retry) {
		assertThat(retry.getMaxRetryTime()).isNull();
		assertThat(retry.getInitialRetryTime()).isNull();
		assertThat(retry.getFactor()).isNull();
		assertThat(retry.getMultiplier()).isNull();
		assertThat(retry.getRetries()).isNull();
	}

}
