package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.test.ConsumingMappings;
import dev.kafkaevents.test.RecordingSubscriber;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.kafkaevents.test.ConsumingBridgeAssignments.awaitAssignment;
import static dev.kafkaevents.test.ConsumingMappings.EVENTS_TOPIC;
import static dev.kafkaevents.test.ConsumingMappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaConsumingBridge} against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaConsumingBridgeIntegrationTests {

	@RegisterExtension
	final RunningBridges bridges = new RunningBridges();

	private final RecordingSubscriber handler = new RecordingSubscriber();

	@Test
	void recordPayloadAndHeadersReachTheHandler() {
		String topic = TestKafka.createTopic("payload", 1);
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping("dev", topic, TestKafka.uniqueGroup("payload")).build(), this.handler);
		awaitAssignment(bridge);
		TestKafka.send(topic, 0, "{\"data\":\"test-data\"}".getBytes(StandardCharsets.UTF_8), "custom-header",
				"header-value", "tag", "a", "tag", "b");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.events().size() == 1);
		EventParams event = this.handler.events().peek();
		assertThat(event.topic()).isEqualTo(EVENTS_TOPIC);
		assertThat(event.eventPayload()).isEqualTo(Map.of("data", "test-data"));
		assertThat(event.metadata().get("custom-header")).isEqualTo("header-value");
		assertThat(event.metadata().getAll("tag")).containsExactly("a", "b");
	}

	@Test
	void autoCommitFalseCommitsOffsetsOfProcessedRecordsAfterEachPoll() {
		String topic = TestKafka.createTopic("manual-commit", 1);
		String group = TestKafka.uniqueGroup("manual-commit");
		awaitAssignment(this.bridges.start(mapping("dev", topic, group).autoCommit(false).build(), this.handler));
		for (int i = 0; i < 3; i++) {
			TestKafka.sendJson(topic, 0, "{\"n\":" + i + "}");
		}
		TestKafka.awaitCommittedOffset(group, topic, 0, 3);
		assertThat(this.handler.events()).hasSize(3);
	}

	@Test
	void autoCommitTrueCommitsProcessedOffsetsAfterEachPollWithoutAnInterval() {
		assertTwoRecordsAreCommitted("async-commit", Map.of());
	}

	@Test
	void aRestartLiftsAPauseByAnOperator() {
		String topic = TestKafka.createTopic("restart-paused", 1);
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping("dev", topic, TestKafka.uniqueGroup("restart-paused")).build(), this.handler);
		awaitAssignment(bridge);
		bridge.pause();
		bridge.restart();
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.events().size() == 1);
		assertThat(bridge.getState()).isEqualTo(ConsumingState.RUNNING);
	}

	@Test
	void autoCommitTrueCommitsProcessedOffsetsWithinTheInterval() {
		assertTwoRecordsAreCommitted("auto-commit", Map.of(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "500"));
	}

	private void assertTwoRecordsAreCommitted(String name, Map<String, Object> properties) {
		String topic = TestKafka.createTopic(name, 1);
		String group = TestKafka.uniqueGroup(name);
		ConsumingMappings mapping = mapping("dev", topic, group);
		properties.forEach(mapping::property);
		awaitAssignment(this.bridges.start(mapping.build(), this.handler));
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
	}

	@Test
	void pauseOnErrorPausesOnlyTheFailedPartitionAndKeepsItsOffsetUncommitted() {
		String topic = TestKafka.createTopic("pause", 2);
		String group = TestKafka.uniqueGroup("pause");
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping("dev", topic, group).autoCommit(false).pauseOnError(true).build(), this.handler);
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		TestKafka.sendJson(topic, 0, "{\"n\":2,\"fail\":true}");
		TestKafka.sendJson(topic, 0, "{\"n\":3}");
		TopicPartition failedPartition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(failedPartition));
		FailedRecord failed = bridge.getPausedOnError().get(failedPartition);
		assertThat(failed.offset()).isEqualTo(1);
		assertThat(failed.message()).contains("failure requested by the record");
		TestKafka.sendJson(topic, 1, "{\"n\":10}");
		TestKafka.awaitCommittedOffset(group, topic, 1, 1);
		assertThat(TestKafka.committedOffset(group, topic, 0)).isEqualTo(1);
		assertThat(this.handler.numbers()).containsExactlyInAnyOrder(1, 2, 10);
		this.handler.setFailuresEnabled(false);
		assertThat(bridge.retry(failedPartition)).isTrue();
		TestKafka.awaitCommittedOffset(group, topic, 0, 3);
		assertThat(this.handler.numbers()).containsExactlyInAnyOrder(1, 2, 10, 2, 3);
		assertThat(bridge.getPausedOnError()).isEmpty();
	}

	@Test
	void skipOnAPausedPartitionCommitsPastTheFailedRecordAndResumes() {
		String topic = TestKafka.createTopic("skip", 1);
		String group = TestKafka.uniqueGroup("skip");
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping("dev", topic, group).autoCommit(false).pauseOnError(true).build(), this.handler);
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"fail\":true}");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
		assertThat(bridge.skip(partition)).isTrue();
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		assertThat(this.handler.numbers()).containsExactly(1, 2);
	}

	@Test
	void withoutPauseOnErrorAFailedRecordIsLoggedAndSkippedWithItsOffsetCommitted(CapturedOutput output) {
		String topic = TestKafka.createTopic("skip-default", 1);
		String group = TestKafka.uniqueGroup("skip-default");
		awaitAssignment(this.bridges.start(mapping("dev", topic, group).autoCommit(false).build(), this.handler));
		TestKafka.sendJson(topic, 0, "{\"n\":1,\"fail\":true}");
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 2);
		assertThat(this.handler.numbers()).containsExactly(1, 2);
		assertThat(output).contains("Failed to process message at offset 0 on partition 0 of topic " + topic);
	}

	@Test
	void nullEmptyAndNonJsonValuesAreSkippedWithoutPauseOnError(CapturedOutput output) {
		String topic = TestKafka.createTopic("poison", 1);
		String group = TestKafka.uniqueGroup("poison");
		awaitAssignment(this.bridges.start(mapping("dev", topic, group).autoCommit(false).build(), this.handler));
		TestKafka.send(topic, 0, null);
		TestKafka.send(topic, 0, new byte[0]);
		TestKafka.send(topic, 0, "not json".getBytes(StandardCharsets.UTF_8));
		TestKafka.sendJson(topic, 0, "{\"n\":4}");
		TestKafka.awaitCommittedOffset(group, topic, 0, 4);
		assertThat(this.handler.numbers()).containsExactly(4);
		assertThat(output).contains("offset 0 on partition 0", "offset 1 on partition 0", "offset 2 on partition 0",
				"has no value", "is empty", "is not valid UTF-8 JSON");
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
		RecordingSubscriber handler = new RecordingSubscriber();
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping("dev", topic, group).autoCommit(false).pauseOnError(true).build(), handler);
		awaitAssignment(bridge);
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		TestKafka.send(topic, 0, poison);
		TestKafka.sendJson(topic, 0, "{\"n\":3}");
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getPausedOnError().containsKey(partition));
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		assertThat(bridge.getPausedOnError().get(partition).offset()).isEqualTo(1);
		assertThat(handler.numbers()).containsExactly(1);
		this.bridges.stop(bridge);
	}

	@Test
	void fromBeginningReadsExistingRecordsOnlyWhenTheGroupHasNoCommittedOffset() {
		String topic = TestKafka.createTopic("from-beginning", 1);
		String group = TestKafka.uniqueGroup("from-beginning");
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		KafkaConsumingBridge first = this.bridges
			.start(mapping("dev", topic, group).fromBeginning(true).autoCommit(false).build(), this.handler);
		await().atMost(TestKafka.timeout()).until(() -> this.handler.numbers().equals(List.of(1)));
		TestKafka.awaitCommittedOffset(group, topic, 0, 1);
		this.bridges.stop(first);
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		RecordingSubscriber second = new RecordingSubscriber();
		this.bridges.start(mapping("dev", topic, group).fromBeginning(true).build(), second);
		await().atMost(TestKafka.timeout()).until(() -> second.numbers().equals(List.of(2)));
	}

	@Test
	void withoutFromBeginningANewGroupStartsAtTheEnd() {
		String topic = TestKafka.createTopic("latest", 1);
		String group = TestKafka.uniqueGroup("latest");
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		KafkaConsumingBridge bridge = this.bridges.start(mapping("dev", topic, group).fromBeginning(false).build(),
				this.handler);
		TopicPartition partition = new TopicPartition(topic, 0);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getLag().containsKey(partition));
		TestKafka.sendJson(topic, 0, "{\"n\":2}");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.numbers().equals(List.of(2)));
	}

	@Test
	void concurrencyRunsSeveralConsumersForOneMapping() {
		String topic = TestKafka.createTopic("concurrency", 2);
		String group = TestKafka.uniqueGroup("concurrency");
		KafkaConsumingBridge bridge = this.bridges.start(mapping("dev", topic, group).concurrency(2).build(),
				this.handler);
		await().atMost(TestKafka.timeout()).until(() -> TestKafka.groupMembers(group).size() == 2);
		await().atMost(TestKafka.timeout()).until(() -> bridge.getContainer().getAssignedPartitions().size() == 2);
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		TestKafka.sendJson(topic, 1, "{\"n\":2}");
		await().atMost(TestKafka.timeout())
			.until(() -> this.handler.numbers().stream().sorted().toList().equals(List.of(1, 2)));
	}

	@Test
	void noRecordIsLostWhenTheApplicationStopsMidStreamAndStartsAgain() {
		String topic = TestKafka.createTopic("restart", 2);
		String group = TestKafka.uniqueGroup("restart");
		int count = 2000;
		List<Integer> handled = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TestKafka.sendJson(topic, i % 2, "{\"n\":" + i + "}");
		}
		KafkaConsumingBridge first = this.bridges
			.start(mapping("dev", topic, group).autoCommit(false).fromBeginning(true).build(), this.handler);
		await().atMost(TestKafka.timeout()).until(() -> this.handler.events().size() > 10);
		this.bridges.stop(first);
		handled.addAll(this.handler.numbers());
		RecordingSubscriber second = new RecordingSubscriber();
		this.bridges.start(mapping("dev", topic, group).autoCommit(false).fromBeginning(true).build(), second);
		await().atMost(TestKafka.timeout()).until(() -> {
			List<Integer> all = new ArrayList<>(handled);
			all.addAll(second.numbers());
			return all.stream().distinct().count() == count;
		});
	}

	@Test
	void twoApplicationsInOneGroupShareThePartitionsAndTogetherHandleEveryRecord() {
		String topic = TestKafka.createTopic("shared", 2);
		String group = TestKafka.uniqueGroup("shared");
		RecordingSubscriber one = new RecordingSubscriber();
		RecordingSubscriber two = new RecordingSubscriber();
		KafkaConsumingBridge first = this.bridges.start(mapping("dev", topic, group).build(), one);
		KafkaConsumingBridge second = this.bridges.start(mapping("dev", topic, group).build(), two);
		await().atMost(TestKafka.timeout())
			.until(() -> first.getContainer().getAssignedPartitions().size() == 1
					&& second.getContainer().getAssignedPartitions().size() == 1);
		for (int i = 0; i < 20; i++) {
			TestKafka.sendJson(topic, i % 2, "{\"n\":" + i + "}");
		}
		await().atMost(TestKafka.timeout()).until(() -> one.events().size() + two.events().size() == 20);
		assertThat(one.numbers()).hasSize(10);
		assertThat(two.numbers()).hasSize(10);
	}

	@Test
	void logLinesOfAMappingCarryItsInstanceGroupKafkaTopicsAndEventsTopic() {
		String topic = TestKafka.createTopic("mdc", 1);
		String group = TestKafka.uniqueGroup("mdc");
		awaitAssignment(this.bridges.start(mapping("dev", topic, group).build(), this.handler));
		TestKafka.sendJson(topic, 0, "{\"n\":1}");
		await().atMost(TestKafka.timeout()).until(() -> this.handler.logContexts().size() == 1);
		assertThat(this.handler.logContexts().peek()).containsEntry("instance", "dev")
			.containsEntry("groupId", group)
			.containsEntry("kafkaTopics", topic)
			.containsEntry("eventsTopic", EVENTS_TOPIC);
	}

	@Test
	void closingTheApplicationCommitsWhatWasProcessedBeforeTheInterval() {
		String topic = TestKafka.createTopic("shutdown", 1);
		String group = TestKafka.uniqueGroup("shutdown");
		KafkaConsumingBridge bridge = this.bridges.start(
				mapping("dev", topic, group).property(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "600000").build(),
				this.handler);
		awaitAssignment(bridge);
		for (int i = 0; i < 3; i++) {
			TestKafka.sendJson(topic, 0, "{\"n\":" + i + "}");
		}
		await().atMost(TestKafka.timeout()).until(() -> this.handler.events().size() == 3);
		assertThat(TestKafka.committedOffset(group, topic, 0)).isNull();
		this.bridges.stop(bridge);
		assertThat(TestKafka.committedOffset(group, topic, 0)).isEqualTo(3);
	}

	@Test
	void authenticationFailuresAreRetriedEveryTenSecondsOrWithinHalfTheRebalanceTimeout() {
		InMemoryEventsService eventsService = this.bridges.eventsService();
		KafkaConsumingBridge dev = this.bridges.create(mapping("dev", "anywhere", "anyone").build(), eventsService,
				List.of());
		KafkaConsumingBridge shortTimeout = this.bridges
			.create(mapping("short", "anywhere", "anyone").property(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 8000)
				.build(), eventsService, List.of());
		assertThat(List.of(dev, shortTimeout))
			.extracting((bridge) -> bridge.getContainer().getContainerProperties().getAuthExceptionRetryInterval())
			.containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(4));
	}

}
