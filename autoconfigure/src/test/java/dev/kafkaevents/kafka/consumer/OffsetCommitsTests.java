package dev.kafkaevents.kafka.consumer;

import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OffsetCommits}: what {@code autoCommit} leaves to the listener
 * container and the Kafka client. When offsets are committed is proven against the broker
 * by {@link KafkaConsumingBridgeIntegrationTests} and
 * {@link KafkaConsumingBridgeCrashIntegrationTests}.
 *
 * @author kafka-events
 */
class OffsetCommitsTests {

	@Test
	void theContainerCommitsNothingItselfAndItsErrorHandlerCommitsAsynchronouslyWithAutoCommitTrue() {
		ContainerProperties properties = configure(mapping(true, Map.of()));
		assertThat(properties.getAckMode()).isEqualTo(AckMode.MANUAL);
		assertThat(properties.isSyncCommits()).isFalse();
	}

	@Test
	void theContainerCommitsNothingItselfAndItsErrorHandlerCommitsSynchronouslyWithAutoCommitFalse() {
		ContainerProperties properties = configure(mapping(false, Map.of()));
		assertThat(properties.getAckMode()).isEqualTo(AckMode.MANUAL);
		assertThat(properties.isSyncCommits()).isTrue();
	}

	@Test
	void theKafkaClientNeverAutoCommits() {
		Map<String, Object> consumerProperties = new OffsetCommits(
				mapping(true, Map.of("auto.commit.interval.ms", "2500", "enable.auto.commit", "true")))
			.consumerProperties();
		assertThat(consumerProperties).containsEntry("enable.auto.commit", false)
			.doesNotContainKey("auto.commit.interval.ms");
	}

	private static ContainerProperties configure(ConsumingMapping mapping) {
		ContainerProperties properties = new ContainerProperties("topic-A");
		new OffsetCommits(mapping).configure(properties);
		return properties;
	}

	private static ConsumingMapping mapping(boolean autoCommit, Map<String, Object> consumerProperties) {
		return new ConsumingMapping("dev.events", "dev", "client", List.of("localhost:9092"), "events",
				List.of("topic-A"), "group", null, autoCommit, false, 1, HandlerRetry.NONE, null, consumerProperties);
	}

}
