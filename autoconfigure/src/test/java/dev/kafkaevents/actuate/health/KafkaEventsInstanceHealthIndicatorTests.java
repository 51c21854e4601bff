package dev.kafkaevents.actuate.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsInstanceHealthIndicator} against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class KafkaEventsInstanceHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private static final String UNREACHABLE = "localhost:1";

	@Test
	void instanceWithBothSidesOnTheSameBrokersChecksThemOnce() {
		KafkaInstance instance = new KafkaInstance("dev", connection(TestKafka.brokers()),
				connection(TestKafka.brokers()), List.of(), List.of());
		Health health = health(instance);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("brokers", List.of(TestKafka.brokers()))
			.containsEntry("nodes", 1);
	}

	@Test
	void instanceWithBothSidesOnDifferentBrokersChecksBoth() {
		KafkaInstance instance = new KafkaInstance("dev", connection(TestKafka.brokers()), connection(UNREACHABLE),
				List.of(), List.of());
		Health health = health(instance);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("brokers", List.of(TestKafka.brokers(), UNREACHABLE))
			.doesNotContainKey("nodes");
		assertThat((String) health.getDetails().get("error")).startsWith("brokers did not answer within 1000 ms")
			.doesNotContain(";");
	}

	private static Health health(KafkaInstance instance) {
		KafkaEventsInstanceHealthIndicator indicator = new KafkaEventsInstanceHealthIndicator(instance, List.of(),
				TIMEOUT, Duration.ZERO);
		try {
			return indicator.health();
		}
		finally {
			indicator.destroy();
		}
	}

	private static KafkaConnection connection(String brokers) {
		return new KafkaConnection("health-test", List.of(brokers),
				Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers));
	}

}
