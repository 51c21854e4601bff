package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the retries and dead-letter topic of a consuming mapping, against
 * the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class KafkaConsumingBridgeRecoveryIntegrationTests {

	private static final String EVENTS_TOPIC = "recovery.events";

	private static final String PREFIX = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class))
		.withUserConfiguration(FlakyHandlerConfiguration.class);

	@Test
	void aFailedRecordIsRetriedWithBackOffUntilItSucceeds() {
		String topic = TestKafka.createTopic("retry", 1);
		String group = TestKafka.uniqueGroup("retry");
		mapping(topic, group).withPropertyValues(entry("retry.attempts=3"), entry("retry.initialInterval=20ms"))
			.run((context) -> {
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.attempts(1)).isEqualTo(3);
				assertThat(bridge(context).getPausedOnError()).isEmpty();
			});
	}

	@Test
	void springKafkasErrorHandlerRetriesAFailedRecordAndTheRestOfItsPollIsHandledOnce() {
		String topic = TestKafka.createTopic("retry-poll", 2);
		String group = TestKafka.uniqueGroup("retry-poll");
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.sendJson(topic, 1, "{\"n\":3}");
		TestKafka.sendJson(topic, 1, "{\"n\":4}");
		mapping(topic, group).withPropertyValues(entry("retry.attempts=3"), entry("retry.initialInterval=100ms"))
			.run((context) -> {
				assertThat(bridge(context).getContainer().getCommonErrorHandler())
					.isInstanceOf(DefaultErrorHandler.class);
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0))
							&& Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 1)));
				assertThat(handler.attempts(1)).isEqualTo(2);
				assertThat(List.of(handler.attempts(2), handler.attempts(3), handler.attempts(4))).containsExactly(1, 1,
						1);
				assertThat(handler.handled).containsExactlyInAnyOrder(1, 2, 3, 4);
			});
	}

	@Test
	void aRecordStillFailingAfterItsRetriesGetsTheMappingsPolicy() {
		String topic = TestKafka.createTopic("retry-pause", 1);
		String group = TestKafka.uniqueGroup("retry-pause");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=2"), entry("retry.initialInterval=10ms"),
					entry("kafka.pauseOnError=true"))
			.run((context) -> {
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":5}");
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout())
					.until(() -> bridge(context).getPausedOnError().containsKey(partition));
				assertThat(handler.attempts(1)).isEqualTo(2);
				assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
			});
	}

	@Test
	void notRetryableFailuresAndPoisonRecordsAreTriedOnce() {
		String topic = TestKafka.createTopic("not-retryable", 1);
		String group = TestKafka.uniqueGroup("not-retryable");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=3"), entry("retry.initialInterval=10ms"),
					entry("retry.notRetryable[0]=java.lang.UnsupportedOperationException"))
			.run((context) -> {
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				awaitAssignment(context);
				TestKafka.send(topic, 0, "not json".getBytes(StandardCharsets.UTF_8));
				TestKafka.sendJson(topic, 0, "{\"n\":2,\"failures\":1,\"unsupported\":true}");
				TestKafka.sendJson(topic, 0, "{\"n\":3}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(3).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.attempts(2)).isEqualTo(1);
				assertThat(handler.attempts(3)).isEqualTo(1);
			});
	}

	@Test
	void aRetryFailingWithANotRetryableExceptionEndsTheRetries() {
		String topic = TestKafka.createTopic("later-not-retryable", 1);
		String group = TestKafka.uniqueGroup("later-not-retryable");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=5"), entry("retry.initialInterval=10ms"),
					entry("retry.notRetryable[0]=java.lang.UnsupportedOperationException"))
			.run((context) -> {
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":5,\"unsupportedFrom\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.attempts(1)).isEqualTo(2);
				assertThat(handler.handled).isEmpty();
			});
	}

	@Test
	void aPayloadThatDoesNotFitTheHandlersTypeIsTriedOnce() {
		String topic = TestKafka.createTopic("not-fitting", 1);
		String group = TestKafka.uniqueGroup("not-fitting");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=3"), entry("retry.initialInterval=10s"),
					entry("kafka.pauseOnError=true"))
			.run((context) -> {
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "[1,2]");
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> bridge(context).getPausedOnError().containsKey(partition));
				assertThat(bridge(context).getPausedOnError().get(partition).exceptionClass())
					.isEqualTo(EventPayloadConversionException.class.getName());
			});
	}

	@Test
	void aRetryThatOutlastsTheRebalanceTimeoutLosesNeitherTheRecordNorTheConsumer() {
		String topic = TestKafka.createTopic("outlasting-retry", 1);
		String group = TestKafka.uniqueGroup("outlasting-retry");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=2"), entry("retry.initialInterval=3s"),
					entry("kafka.rebalanceTimeout=1s"))
			.run((context) -> {
				FlakyHandler handler = context.getBean(FlakyHandler.class);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.attempts(1)).isGreaterThanOrEqualTo(2);
				assertThat(bridge(context).isRunning()).isTrue();
			});
	}

	@Test
	void aRecordFailingAfterItsRetriesGoesToTheDeadLetterTopicWithItsBytesHeadersAndException() {
		String topic = TestKafka.createTopic("dead-letter", 1);
		String deadLetterTopic = TestKafka.createTopic("dead-letter-dlt", 1);
		String group = TestKafka.uniqueGroup("dead-letter");
		mapping(topic, group)
			.withPropertyValues(entry("retry.attempts=2"), entry("retry.initialInterval=10ms"),
					entry("deadLetterTopic=" + deadLetterTopic), entry("kafka.pauseOnError=true"))
			.run((context) -> {
				awaitAssignment(context);
				byte[] value = "{\"n\":1,\"failures\":9}".getBytes(StandardCharsets.UTF_8);
				TestKafka.send(topic, 0, value, "trace", "abc");
				TestKafka.sendJson(topic, 0, "{\"n\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0)));
				ConsumerRecord<byte[], byte[]> dead = TestKafka.records(deadLetterTopic, 1).get(0);
				assertThat(dead.value()).isEqualTo(value);
				assertThat(header(dead, "trace")).isEqualTo("abc");
				assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
				assertThat(dead.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
				assertThat(header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(IllegalStateException.class.getName());
				assertThat(bridge(context).getPausedOnError()).isEmpty();
				assertThat(context.getBean(FlakyHandler.class).attempts(2)).isEqualTo(1);
			});
	}

	@Test
	void aRecordThatCannotBeDeadLetteredGetsTheMappingsPolicy() {
		String topic = TestKafka.createTopic("dead-letter-missing", 1);
		String group = TestKafka.uniqueGroup("dead-letter-missing");
		mapping(topic, group)
			.withPropertyValues(entry("deadLetterTopic=no-such-topic"), entry("kafka.pauseOnError=true"),
					PREFIX + "properties[max.block.ms]=500")
			.run((context) -> {
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"failures\":1}");
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout())
					.until(() -> bridge(context).getPausedOnError().containsKey(partition));
				assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
			});
	}

	private ApplicationContextRunner mapping(String topic, String group) {
		return this.contextRunner.withPropertyValues(PREFIX + "clientId=recovery",
				PREFIX + "brokers[0]=" + TestKafka.brokers(), entry("topic=" + EVENTS_TOPIC),
				entry("kafka.topics[0]=" + topic), entry("kafka.groupId=" + group), entry("kafka.fromBeginning=true"),
				entry("kafka.autoCommit=false"));
	}

	private static String entry(String property) {
		return PREFIX + "topics[0]." + property;
	}

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
	}

	private static void awaitAssignment(ConfigurableApplicationContext context) {
		await().atMost(TestKafka.timeout()).until(() -> !bridge(context).getAssignedPartitions().isEmpty());
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class FlakyHandlerConfiguration {

		@Bean
		FlakyHandler flakyHandler() {
			return new FlakyHandler();
		}

	}

	/**
	 * Fails a record as many times as its {@code failures} field says.
	 */
	static class FlakyHandler {

		private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final Queue<Integer> handled = new ConcurrentLinkedQueue<>();

		@EventHandler(EVENTS_TOPIC)
		void handle(Map<String, Object> payload) {
			int n = ((Number) payload.get("n")).intValue();
			int attempt = this.attempts.computeIfAbsent(n, (key) -> new AtomicInteger()).incrementAndGet();
			int failures = ((Number) payload.getOrDefault("failures", 0)).intValue();
			if (attempt <= failures) {
				int unsupportedFrom = ((Number) payload.getOrDefault("unsupportedFrom", Integer.MAX_VALUE)).intValue();
				if (Boolean.TRUE.equals(payload.get("unsupported")) || attempt >= unsupportedFrom) {
					throw new UnsupportedOperationException("not retryable");
				}
				throw new IllegalStateException("attempt " + attempt + " of record " + n + " fails");
			}
			this.handled.add(n);
		}

		int attempts(int n) {
			AtomicInteger count = this.attempts.get(n);
			return (count != null) ? count.get() : 0;
		}

	}

}
