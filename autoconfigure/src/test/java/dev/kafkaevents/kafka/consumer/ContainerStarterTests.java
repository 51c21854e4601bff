package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ContainerStarter}: a mapping whose brokers' host names do not resolve
 * does not fail to start, and keeps trying.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerStarterTests {

	private static final String UNRESOLVABLE = "broker1.kafka-events.invalid:9092";

	@Test
	void brokersThatDoNotResolveAreTriedAgainWithoutFailingTheStart(CapturedOutput output) {
		ConsumingMapping mapping = mapping();
		AtomicInteger attempts = new AtomicInteger();
		ConcurrentMessageListenerContainer<byte[], byte[]> container = container(mapping, attempts);
		ContainerStarter starter = new ContainerStarter(mapping, container, Duration.ofMillis(100));
		try {
			starter.start();
			assertThat(starter.isWaiting()).isTrue();
			assertThat(container.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
			assertThat(output).contains("Kafka events mapping 'dev.events' (instance 'dev'): cannot resolve any of "
					+ "the brokers [" + UNRESOLVABLE + "] (No resolvable bootstrap urls");
		}
		finally {
			starter.close();
		}
		int attemptsWhenClosed = attempts.get();
		assertThat(starter.isWaiting()).isFalse();
		await().during(Duration.ofMillis(300)).until(() -> attempts.get() == attemptsWhenClosed);
	}

	@Test
	void otherFailuresToStartAreNotRetried() {
		ConsumingMapping mapping = mapping();
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")),
				new ContainerProperties("topic-A"));
		ContainerStarter starter = new ContainerStarter(mapping, container, Duration.ofMillis(100));
		try {
			assertThatIllegalStateException().isThrownBy(starter::start);
			assertThat(starter.isWaiting()).isFalse();
		}
		finally {
			starter.close();
		}
	}

	private static ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumingMapping mapping,
			AtomicInteger attempts) {
		DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(
				mapping.consumerProperties()) {

			@Override
			protected Consumer<byte[], byte[]> createKafkaConsumer(Map<String, Object> configProps) {
				attempts.incrementAndGet();
				return super.createKafkaConsumer(configProps);
			}

		};
		ContainerProperties properties = new ContainerProperties("topic-A");
		properties.setGroupId(mapping.groupId());
		properties.setMessageListener((BatchMessageListener<byte[], byte[]>) (records) -> {
		});
		return new ConcurrentMessageListenerContainer<>(consumerFactory, properties);
	}

	private static ConsumingMapping mapping() {
		return new ConsumingMapping("dev.events", "dev", "client", List.of(UNRESOLVABLE), "events", List.of("topic-A"),
				"group", null, true, false, 1, HandlerRetry.NONE, null,
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, UNRESOLVABLE, ConsumerConfig.GROUP_ID_CONFIG, "group",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
	}

}
