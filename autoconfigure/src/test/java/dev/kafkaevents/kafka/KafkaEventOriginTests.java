package dev.kafkaevents.kafka;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventOrigin}.
 *
 * @author kafka-events
 */
class KafkaEventOriginTests {

	@Test
	void clusterComparesBrokersAsASetIgnoringCaseAndSpaces() {
		assertThat(KafkaEventOrigin.cluster(List.of(" B:9092", "a:9092", "b:9092"))).isEqualTo("a:9092,b:9092");
		assertThat(KafkaEventOrigin.sameCluster(List.of("a:9092", "b:9092"), List.of("B:9092", "A:9092"))).isTrue();
		assertThat(KafkaEventOrigin.sameCluster(List.of("a:9092"), List.of("a:9092", "b:9092"))).isFalse();
	}

	@Test
	void originIsTheClusterAndTheTopic() {
		assertThat(KafkaEventOrigin.of(List.of("b:9092", "a:9092"), "orders")).isEqualTo("a:9092,b:9092|orders");
	}

	@Test
	void originNameIsRecognisedIgnoringCase() {
		assertThat(KafkaEventOrigin.isOriginName("Kafka-Events-Origin")).isTrue();
		assertThat(KafkaEventOrigin.isOriginName("kafka-events")).isFalse();
	}

}
