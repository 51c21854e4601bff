package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaConsumingBridge} against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaConsumingBridgeIntegrationTests {

	private static final String EVENTS_TOPIC = "test.events";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class))
		.withUserConfiguration(RecordingHandlerConfiguration.class);

	@Test
	void recordPayloadAndHeadersReachTheHandler() {
		String topic = TestKafka.createTopic("payload", 1);
		this.contextRunner.withPropertyValues(mapping("dev", topic, TestKafka.uniqueGroup("payload"), 0))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				awaitAssignment(context);
				TestKafka.send(topic, 0, "{\"data\":\"test-data\"}".getBytes(StandardCharsets.UTF_8), "custom-header",
						"header-value", "tag", "a", "tag", "b");
				await().atMost(TestKafka.timeout()).until(() -> handler.events.size() == 1);
				EventParams event = handler.events.peek();
				assertThat(event.topic()).isEqualTo(EVENTS_TOPIC);
				assertThat(event.eventPayload()).isEqualTo(Map.of("data", "test-data"));
				assertThat(event.metadata().get("custom-header")).isEqualTo("header-value");
				assertThat(event.metadata().getAll("tag")).containsExactly("a", "b");
			});
	}

	@Test
	void autoCommitFalseCommitsOffsetsOfProcessedRecordsAfterEachPoll() {
		String topic = TestKafka.createTopic("manual-commit", 1);
		String group = TestKafka.uniqueGroup("manual-commit");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"))
			.run((context) -> {
				awaitAssignment(context);
				for (int i = 0; i < 3; i++) {
					TestKafka.sendJson(topic, 0, "{\"n\":" + i + "}");
				}
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(3).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(context.getBean(RecordingHandler.class).events).hasSize(3);
			});
	}

	@Test
	void autoCommitTrueCommitsProcessedOffsetsWithinTheInterval() {
		String topic = TestKafka.createTopic("auto-commit", 1);
		String group = TestKafka.uniqueGroup("auto-commit");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.properties[auto.commit.interval.ms]=500"))
			.run((context) -> {
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				TestKafka.sendJson(topic, 0, "{\"n\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0)));
			});
	}

	@Test
	void pauseOnErrorPausesOnlyTheFailedPartitionAndKeepsItsOffsetUncommitted() {
		String topic = TestKafka.createTopic("pause", 2);
		String group = TestKafka.uniqueGroup("pause");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"), entry(0, "kafka.pauseOnError=true"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				KafkaConsumingBridge bridge = bridge(context);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				TestKafka.sendJson(topic, 0, "{\"n\":2,\"fail\":true}");
				TestKafka.sendJson(topic, 0, "{\"n\":3}");
				TopicPartition failedPartition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(failedPartition));
				FailedRecord failed = bridge.getPausedOnError().get(failedPartition);
				assertThat(failed.offset()).isEqualTo(1);
				assertThat(failed.message()).contains("failure requested by the record");
				TestKafka.sendJson(topic, 1, "{\"n\":10}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 1)));
				assertThat(TestKafka.committedOffset(group, topic, 0)).isEqualTo(1);
				assertThat(handler.numbers()).containsExactlyInAnyOrder(1, 2, 10);
				handler.failuresEnabled = false;
				assertThat(bridge.retry(failedPartition)).isTrue();
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(3).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.numbers()).containsExactlyInAnyOrder(1, 2, 10, 2, 3);
				assertThat(bridge.getPausedOnError()).isEmpty();
			});
	}

	@Test
	void skipOnAPausedPartitionCommitsPastTheFailedRecordAndResumes() {
		String topic = TestKafka.createTopic("skip", 1);
		String group = TestKafka.uniqueGroup("skip");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"), entry(0, "kafka.pauseOnError=true"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				KafkaConsumingBridge bridge = bridge(context);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"fail\":true}");
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
				assertThat(bridge.skip(partition)).isTrue();
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
				TestKafka.sendJson(topic, 0, "{\"n\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.numbers()).containsExactly(1, 2);
			});
	}

	@Test
	void withoutPauseOnErrorAFailedRecordIsLoggedAndSkippedWithItsOffsetCommitted(CapturedOutput output) {
		String topic = TestKafka.createTopic("skip-default", 1);
		String group = TestKafka.uniqueGroup("skip-default");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1,\"fail\":true}");
				TestKafka.sendJson(topic, 0, "{\"n\":2}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(2).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.numbers()).containsExactly(1, 2);
				assertThat(output).contains("Failed to process message at offset 0 on partition 0 of topic " + topic);
			});
	}

	@Test
	void nullEmptyAndNonJsonValuesAreSkippedWithoutPauseOnError(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison", 1);
		String group = TestKafka.uniqueGroup("poison");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				awaitAssignment(context);
				TestKafka.send(topic, 0, null);
				TestKafka.send(topic, 0, new byte[0]);
				TestKafka.send(topic, 0, "not json".getBytes(StandardCharsets.UTF_8));
				TestKafka.sendJson(topic, 0, "{\"n\":4}");
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(4).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(handler.numbers()).containsExactly(4);
				assertThat(output).contains("offset 0 on partition 0", "offset 1 on partition 0",
						"offset 2 on partition 0", "has no value", "is empty", "is not valid UTF-8 JSON");
			});
	}

	@Test
	void nullEmptyAndNonJsonValuesPauseThePartitionWithPauseOnError() {
		for (byte[] poison : List.of(new byte[0], "not json".getBytes(StandardCharsets.UTF_8))) {
			assertPoisonPauses(poison);
		}
		assertPoisonPauses(null);
	}

	private void assertPoisonPauses(byte[] poison) {
		String topic = TestKafka.createTopic("poison-pause", 1);
		String group = TestKafka.uniqueGroup("poison-pause");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"), entry(0, "kafka.pauseOnError=true"))
			.run((context) -> {
				KafkaConsumingBridge bridge = bridge(context);
				awaitAssignment(context);
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				TestKafka.send(topic, 0, poison);
				TestKafka.sendJson(topic, 0, "{\"n\":3}");
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
				assertThat(bridge.getPausedOnError().get(partition).offset()).isEqualTo(1);
				assertThat(context.getBean(RecordingHandler.class).numbers()).containsExactly(1);
			});
	}

	@Test
	void fromBeginningReadsExistingRecordsOnlyWhenTheGroupHasNoCommittedOffset() {
		String topic = TestKafka.createTopic("from-beginning", 1);
		String group = TestKafka.uniqueGroup("from-beginning");
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.fromBeginning=true"), entry(0, "kafka.autoCommit=false"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				await().atMost(TestKafka.timeout()).until(() -> handler.numbers().equals(List.of(1)));
				await().atMost(TestKafka.timeout())
					.until(() -> Long.valueOf(1).equals(TestKafka.committedOffset(group, topic, 0)));
			});
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.fromBeginning=true"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				await().atMost(TestKafka.timeout()).until(() -> handler.numbers().equals(List.of(2)));
			});
	}

	@Test
	void withoutFromBeginningANewGroupStartsAtTheEnd() {
		String topic = TestKafka.createTopic("latest", 1);
		String group = TestKafka.uniqueGroup("latest");
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.fromBeginning=false"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				TopicPartition partition = new TopicPartition(topic, 0);
				await().atMost(TestKafka.timeout()).until(() -> bridge(context).getLag().containsKey(partition));
				TestKafka.sendJson(topic, 0, "{\"n\":2}");
				await().atMost(TestKafka.timeout()).until(() -> handler.numbers().equals(List.of(2)));
			});
	}

	@Test
	void twoMappingsOfOneInstanceAndTwoInstancesConsumeIndependently() {
		String first = TestKafka.createTopic("first", 1);
		String second = TestKafka.createTopic("second", 1);
		String third = TestKafka.createTopic("third", 1);
		this.contextRunner.withPropertyValues(mapping("one", first, TestKafka.uniqueGroup("a"), 0))
			.withPropertyValues(mapping("one", second, TestKafka.uniqueGroup("b"), 1))
			.withPropertyValues(mapping("two", third, TestKafka.uniqueGroup("c"), 0))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				KafkaConsumingBridges bridges = context.getBean(KafkaConsumingBridges.class);
				assertThat(bridges.getBridges()).extracting((bridge) -> bridge.getMapping().id())
					.containsExactly("one.test.events", "one.test.events.2", "two.test.events");
				await().atMost(TestKafka.timeout())
					.until(() -> bridges.getBridges()
						.stream()
						.allMatch((bridge) -> !bridge.getContainer().getAssignedPartitions().isEmpty()));
				TestKafka.sendJson(first, 0, "{\"n\":1}");
				TestKafka.sendJson(second, 0, "{\"n\":2}");
				TestKafka.sendJson(third, 0, "{\"n\":3}");
				await().atMost(TestKafka.timeout())
					.until(() -> handler.numbers().stream().sorted().toList().equals(List.of(1, 2, 3)));
			});
	}

	@Test
	void concurrencyRunsSeveralConsumersForOneMapping() {
		String topic = TestKafka.createTopic("concurrency", 2);
		String group = TestKafka.uniqueGroup("concurrency");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.concurrency=2"))
			.run((context) -> {
				KafkaConsumingBridge bridge = bridge(context);
				await().atMost(TestKafka.timeout()).until(() -> TestKafka.groupMembers(group).size() == 2);
				await().atMost(TestKafka.timeout())
					.until(() -> bridge.getContainer().getAssignedPartitions().size() == 2);
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				TestKafka.sendJson(topic, 1, "{\"n\":2}");
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				await().atMost(TestKafka.timeout())
					.until(() -> handler.numbers().stream().sorted().toList().equals(List.of(1, 2)));
			});
	}

	@Test
	void noRecordIsLostWhenTheApplicationStopsMidStreamAndStartsAgain() {
		String topic = TestKafka.createTopic("restart", 2);
		String group = TestKafka.uniqueGroup("restart");
		int count = 2000;
		List<Integer> handled = new ArrayList<>();
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.autoCommit=false"), entry(0, "kafka.fromBeginning=true"));
		for (int i = 0; i < count; i++) {
			TestKafka.sendJson(topic, i % 2, "{\"n\":" + i + "}");
		}
		runner.run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			await().atMost(TestKafka.timeout()).until(() -> handler.events.size() > 10);
			context.close();
			handled.addAll(handler.numbers());
		});
		runner.run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			await().atMost(TestKafka.timeout()).until(() -> {
				List<Integer> all = new ArrayList<>(handled);
				all.addAll(handler.numbers());
				return all.stream().distinct().count() == count;
			});
		});
	}

	@Test
	void twoApplicationsInOneGroupShareThePartitionsAndTogetherHandleEveryRecord() {
		String topic = TestKafka.createTopic("shared", 2);
		String group = TestKafka.uniqueGroup("shared");
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0));
		runner.run((first) -> runner.run((second) -> {
			await().atMost(TestKafka.timeout())
				.until(() -> bridge(first).getContainer().getAssignedPartitions().size() == 1
						&& bridge(second).getContainer().getAssignedPartitions().size() == 1);
			for (int i = 0; i < 20; i++) {
				TestKafka.sendJson(topic, i % 2, "{\"n\":" + i + "}");
			}
			RecordingHandler one = first.getBean(RecordingHandler.class);
			RecordingHandler two = second.getBean(RecordingHandler.class);
			await().atMost(TestKafka.timeout()).until(() -> one.events.size() + two.events.size() == 20);
			assertThat(one.numbers()).hasSize(10);
			assertThat(two.numbers()).hasSize(10);
		}));
	}

	@Test
	void logLinesOfAMappingCarryItsInstanceGroupKafkaTopicsAndEventsTopic() {
		String topic = TestKafka.createTopic("mdc", 1);
		String group = TestKafka.uniqueGroup("mdc");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0)).run((context) -> {
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			awaitAssignment(context);
			TestKafka.sendJson(topic, 0, "{\"n\":1}");
			await().atMost(TestKafka.timeout()).until(() -> handler.logContexts.size() == 1);
			assertThat(handler.logContexts.peek()).containsEntry("instance", "dev")
				.containsEntry("groupId", group)
				.containsEntry("kafkaTopics", topic)
				.containsEntry("eventsTopic", EVENTS_TOPIC);
		});
	}

	@Test
	void closingTheApplicationCommitsWhatWasProcessedBeforeTheInterval() {
		String topic = TestKafka.createTopic("shutdown", 1);
		String group = TestKafka.uniqueGroup("shutdown");
		this.contextRunner.withPropertyValues(mapping("dev", topic, group, 0))
			.withPropertyValues(entry(0, "kafka.properties[auto.commit.interval.ms]=600000"))
			.run((context) -> {
				RecordingHandler handler = context.getBean(RecordingHandler.class);
				awaitAssignment(context);
				for (int i = 0; i < 3; i++) {
					TestKafka.sendJson(topic, 0, "{\"n\":" + i + "}");
				}
				await().atMost(TestKafka.timeout()).until(() -> handler.events.size() == 3);
				assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
				context.close();
				assertThat(TestKafka.committedOffset(group, topic, 0)).isEqualTo(3);
			});
	}

	@Test
	void unreachableBrokersDoNotFailStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("events.modules.kafka.kafkaConsumingEventPublisher.dev.clientId=test",
					"events.modules.kafka.kafkaConsumingEventPublisher.dev.brokers[0]=localhost:1",
					entry(0, "topic=" + EVENTS_TOPIC), entry(0, "kafka.topics[0]=nowhere"),
					entry(0, "kafka.groupId=nowhere"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(bridge(context).isRunning()).isTrue();
				await().atMost(TestKafka.timeout())
					.until(() -> output.toString()
						.contains("Kafka events mapping 'dev.test.events' (instance 'dev'): no partitions assigned")
							&& output.toString().contains("brokers [localhost:1] may be unreachable"));
			});
	}

	@Test
	void authenticationFailuresAreRetriedEveryTenSecondsOrWithinHalfTheRebalanceTimeout() {
		this.contextRunner.withPropertyValues(mapping("dev", "anywhere", "anyone", 0))
			.withPropertyValues(mapping("short", "anywhere", "anyone", 0))
			.withPropertyValues(
					"events.modules.kafka.kafkaConsumingEventPublisher.short.topics[0].kafka.rebalanceTimeout=8s")
			.run((context) -> {
				List<KafkaConsumingBridge> bridges = context.getBean(KafkaConsumingBridges.class).getBridges();
				assertThat(bridges)
					.extracting(
							(bridge) -> bridge.getContainer().getContainerProperties().getAuthExceptionRetryInterval())
					.containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(4));
			});
	}

	private static String[] mapping(String instance, String topic, String group, int index) {
		String prefix = "events.modules.kafka.kafkaConsumingEventPublisher." + instance;
		String entry = prefix + ".topics[" + index + "]";
		return new String[] { prefix + ".clientId=test-" + instance, prefix + ".brokers[0]=" + TestKafka.brokers(),
				entry + ".topic=" + EVENTS_TOPIC, entry + ".kafka.topics[0]=" + topic,
				entry + ".kafka.groupId=" + group, entry + ".kafka.fromBeginning=true" };
	}

	private static String entry(int index, String property) {
		return "events.modules.kafka.kafkaConsumingEventPublisher.dev.topics[" + index + "]." + property;
	}

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).getBridges().get(0);
	}

	private static void awaitAssignment(ConfigurableApplicationContext context) {
		KafkaConsumingBridge bridge = bridge(context);
		await().atMost(TestKafka.timeout()).until(() -> !bridge.getContainer().getAssignedPartitions().isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlerConfiguration {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

	}

	static class RecordingHandler {

		final Queue<EventParams> events = new ConcurrentLinkedQueue<>();

		final Queue<Map<String, String>> logContexts = new ConcurrentLinkedQueue<>();

		volatile boolean failuresEnabled = true;

		@EventHandler(EVENTS_TOPIC)
		void handle(EventParams event) {
			this.logContexts.add(MDC.getCopyOfContextMap());
			this.events.add(event);
			if (this.failuresEnabled && event.eventPayload() instanceof Map<?, ?> map
					&& Boolean.TRUE.equals(map.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
		}

		List<Integer> numbers() {
			return this.events.stream()
				.map(EventParams::eventPayload)
				.map((payload) -> ((Number) ((Map<?, ?>) payload).get("n")).intValue())
				.toList();
		}

	}

}
