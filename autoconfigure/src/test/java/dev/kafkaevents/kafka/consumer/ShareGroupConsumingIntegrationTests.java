package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.test.ConsumingMappings;
import dev.kafkaevents.test.RestartableKafka;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of share-group mappings ({@code kafka.shareGroup: true}) against the
 * test broker: records shared among more consumers than partitions, per-record
 * acknowledgement (accept, release for a retry, reject with a dead letter), the delivery
 * count in the record context, the lock of a slow record renewed, an operator's pause, a
 * broker that cannot honour the mapping's attempts and one without share groups.
 *
 * @author kafka-events
 */
class ShareGroupConsumingIntegrationTests {

	@RegisterExtension
	final RunningBridges bridges = new RunningBridges();

	@Test
	void recordsOfOnePartitionAreSharedAmongMoreConsumersThanPartitions() {
		String topic = TestKafka.createTopic("share-many", 1);
		String group = TestKafka.uniqueGroup(topic);
		Handled handled = new Handled((event) -> {
		}) {
			@Override
			public CompletionStage<?> onEvent(EventParams event) {
				super.onEvent(event);
				return completedAfter(Duration.ofMillis(20));
			}
		};
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping(topic, group).concurrency(3).property("max.poll.records", 2).build(), handled);
		await().atMost(TestKafka.timeout())
			.ignoreExceptions()
			.until(() -> TestKafka.assignedShareGroupMembers(group).size() == 3);
		sendNumbers(topic, 0, 60);
		await().atMost(TestKafka.timeout()).until(() -> handled.numbers().size() >= 60);
		assertThat(handled.numbers()).containsExactlyInAnyOrderElementsOf(range(0, 60));
		assertThat(handled.threads()).hasSizeGreaterThan(1);
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(bridge.getShareGroupStatistics())
				.isEqualTo(new ShareGroupStatistics(3, 0, 60, 0, 0)));
		assertThat(bridge.getState()).isEqualTo(ConsumingState.RUNNING);
	}

	@Test
	void aPoisonRecordIsRejectedToTheDeadLetterTopicWhileTheOtherRecordsOfItsPartitionAreHandled() {
		String topic = TestKafka.createTopic("share-poison", 1);
		String deadLetterTopic = TestKafka.createTopic("share-poison-dead", 1);
		Handled handled = new Handled((event) -> {
		});
		KafkaConsumingBridge bridge = this.bridges.start(mapping(topic).deadLetterTopic(deadLetterTopic).build(),
				handled);
		sendNumbers(topic, 0, 5);
		TestKafka.send(topic, 0, "not json".getBytes(StandardCharsets.UTF_8));
		sendNumbers(topic, 5, 10);
		await().atMost(TestKafka.timeout()).until(() -> handled.numbers().size() >= 10);
		List<ConsumerRecord<byte[], byte[]>> deadLetters = TestKafka.records(deadLetterTopic, 1);
		assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(bridge.getShareGroupStatistics())
				.isEqualTo(new ShareGroupStatistics(1, 0, 10, 0, 1)));
		assertThat(bridge.getFailedCount()).isEqualTo(1);
	}

	@Test
	void aFailingHandlerIsRetriedThroughReleaseUntilItSucceedsWithTheDeliveryCountInTheRecordContext() {
		String topic = TestKafka.createTopic("share-retry", 1);
		Handled handled = new Handled((event) -> {
			if (number(event) == 3 && event.kafkaRecord().deliveryAttempt() < 3) {
				throw new IllegalStateException("not yet");
			}
		});
		KafkaConsumingBridge bridge = this.bridges.start(mapping(topic).retry(3, Duration.ZERO).build(), handled);
		sendNumbers(topic, 0, 6);
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(bridge.getShareGroupStatistics())
				.isEqualTo(new ShareGroupStatistics(1, 0, 6, 2, 0)));
		assertThat(handled.attempts(3)).containsExactly(1, 2, 3);
		assertThat(handled.attempts(4)).containsExactly(1);
	}

	@Test
	void aRecordStillFailingAfterTheLastAttemptIsRejectedToTheDeadLetterTopic() {
		String topic = TestKafka.createTopic("share-limit", 1);
		String deadLetterTopic = TestKafka.createTopic("share-limit-dead", 1);
		Handled handled = new Handled((event) -> {
			if (number(event) == 2) {
				throw new IllegalStateException("always");
			}
		});
		KafkaConsumingBridge bridge = this.bridges
			.start(mapping(topic).retry(3, Duration.ZERO).deadLetterTopic(deadLetterTopic).build(), handled);
		sendNumbers(topic, 0, 5);
		List<ConsumerRecord<byte[], byte[]>> deadLetters = TestKafka.records(deadLetterTopic, 1);
		assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(bridge.getShareGroupStatistics())
				.isEqualTo(new ShareGroupStatistics(1, 0, 4, 2, 1)));
		assertThat(handled.attempts(2)).containsExactly(1, 2, 3);
	}

	@Test
	void anAsynchronousHandlerSlowerThanTheLockKeepsItsRecordThroughRenewals() {
		String topic = TestKafka.createTopic("share-slow", 1);
		String group = TestKafka.uniqueGroup("share-slow");
		setGroupConfig(group, "share.record.lock.duration.ms", "2000");
		Handled handled = new Handled((event) -> {
		}) {
			@Override
			public CompletionStage<?> onEvent(EventParams event) {
				super.onEvent(event);
				return (number(event) == 1) ? completedAfter(Duration.ofSeconds(5))
						: CompletableFuture.completedFuture(null);
			}
		};
		KafkaConsumingBridge bridge = this.bridges
			.start(ConsumingMappings.mapping("share", topic, group).fromBeginning(true).shareGroup().build(), handled);
		sendNumbers(topic, 0, 3);
		await().atMost(TestKafka.timeout())
			.untilAsserted(() -> assertThat(bridge.getShareGroupStatistics())
				.isEqualTo(new ShareGroupStatistics(1, 0, 3, 0, 0)));
		assertThat(handled.attempts(1)).containsExactly(1);
	}

	@Test
	void anOperatorPauseStopsTheShareConsumersAndResumeStartsThemAgain() {
		String topic = TestKafka.createTopic("share-pause", 1);
		Handled handled = new Handled((event) -> {
		});
		KafkaConsumingBridge bridge = this.bridges.start(mapping(topic).concurrency(2).build(), handled);
		sendNumbers(topic, 0, 3);
		await().atMost(TestKafka.timeout()).until(() -> handled.numbers().size() >= 3);
		bridge.pause();
		assertThat(bridge.getState()).isEqualTo(ConsumingState.PAUSED);
		assertThat(bridge.getShareGroupStatistics().members()).isZero();
		sendNumbers(topic, 3, 6);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> handled.numbers().size() == 3);
		bridge.resume();
		await().atMost(TestKafka.timeout()).until(() -> handled.numbers().size() >= 6);
		assertThat(handled.numbers()).containsExactlyInAnyOrderElementsOf(range(0, 6));
		assertThat(bridge.getState()).isEqualTo(ConsumingState.RUNNING);
	}

	@Test
	void moreAttemptsThanTheBrokersDeliveryCountLimitFailTheStartNamingTheMapping() {
		String topic = TestKafka.createTopic("share-too-many", 1);
		KafkaConsumingBridge bridge = this.bridges.create(mapping(topic).retry(6, Duration.ZERO).build(),
				this.bridges.eventsService(), List.of());
		assertThatExceptionOfType(ShareGroupSetupException.class).isThrownBy(bridge::start)
			.withMessageContaining("'share." + ConsumingMappings.EVENTS_TOPIC + "'")
			.withMessageContaining("retry.attempts (6) exceed the brokers' group.share.delivery.count.limit (5)");
	}

	@Test
	void brokersWithoutShareGroupsFailTheStartSayingSoAndNamingTheMapping() throws Exception {
		try (RestartableKafka kafka = RestartableKafka.start("no-share")) {
			disableShareGroups(kafka.brokers());
			KafkaConsumingBridge bridge = this.bridges
				.create(ConsumingMappings.mapping("old", "no-share", "no-share-group")
					.brokers(kafka.brokers())
					.shareGroup()
					.build(), this.bridges.eventsService(), List.of());
			assertThatExceptionOfType(ShareGroupSetupException.class).isThrownBy(bridge::start)
				.withMessageContaining("'old." + ConsumingMappings.EVENTS_TOPIC + "'")
				.withMessageContaining("do not support share groups (feature share.version is not enabled)");
			this.bridges.stop(bridge);
		}
	}

	private static void disableShareGroups(String brokers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
			if (admin.describeFeatures().featureMetadata().get().finalizedFeatures().containsKey("share.version")) {
				admin
					.updateFeatures(
							Map.of("share.version",
									new FeatureUpdate((short) 0, FeatureUpdate.UpgradeType.UNSAFE_DOWNGRADE)),
							new UpdateFeaturesOptions())
					.all()
					.get();
			}
		}
	}

	private static ConsumingMappings mapping(String topic) {
		return mapping(topic, TestKafka.uniqueGroup(topic));
	}

	private static ConsumingMappings mapping(String topic, String group) {
		return ConsumingMappings.mapping("share", topic, group).fromBeginning(true).shareGroup();
	}

	private static void sendNumbers(String topic, int from, int to) {
		IntStream.range(from, to).forEach((n) -> TestKafka.sendJson(topic, 0, "{\"n\":" + n + "}"));
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.range(from, to).boxed().toList();
	}

	private static int number(EventParams event) {
		return ((Number) ((Map<?, ?>) event.eventPayload()).get("n")).intValue();
	}

	private static void setGroupConfig(String group, String key, String value) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group),
					List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET))))
				.all()
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CompletableFuture<Void> completedAfter(Duration duration) {
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS));
	}

	/**
	 * A subscriber that records each event, its delivery attempt and thread, then runs an
	 * action that may fail.
	 */
	static class Handled implements EventSubscriber {

		private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

		private final java.util.function.Consumer<EventParams> action;

		Handled(java.util.function.Consumer<EventParams> action) {
			this.action = action;
		}

		@Override
		public CompletionStage<?> onEvent(EventParams event) {
			KafkaRecord record = event.kafkaRecord();
			this.attempts.add(new Attempt(number(event), record.deliveryAttempt(), Thread.currentThread().getName()));
			this.action.accept(event);
			return CompletableFuture.completedFuture(null);
		}

		List<Integer> numbers() {
			return this.attempts.stream().map(Attempt::number).distinct().toList();
		}

		Set<String> threads() {
			return this.attempts.stream().map(Attempt::thread).collect(Collectors.toSet());
		}

		List<Integer> attempts(int number) {
			return this.attempts.stream()
				.filter((attempt) -> attempt.number() == number)
				.map(Attempt::delivery)
				.toList();
		}

	}

	record Attempt(int number, int delivery, String thread) {

	}

}
