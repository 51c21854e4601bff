package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * Backstage's consuming cases that no other test proves, against the in-JVM broker: §6.1
 * case 10 (a failed record with {@code autoCommit: true} and {@code pauseOnError: false}
 * is skipped, logged and committed past, without a pause) and §6.8 case 5 (a header
 * without value becomes metadata with a {@code null} value).
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class BackstageConsumingCasesIntegrationTests {

	private static final String PREFIX = "events.modules.kafka.kafkaConsumingEventPublisher.dev.";

	private static final String MAPPING = "dev.backstage-topic";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class))
		.withUserConfiguration(RecorderConfiguration.class);

	@Test
	void aFailedRecordWithAutoCommitAndNoPauseOnErrorIsLoggedSkippedAndCommittedPast(CapturedOutput output) {
		String topic = TestKafka.createTopic("backstage-6-1-10", 1);
		String group = TestKafka.uniqueGroup("backstage-6-1-10");
		this.contextRunner.withPropertyValues(consuming(topic, group))
			.withPropertyValues(PREFIX + "topics[0].kafka.autoCommit=true",
					PREFIX + "topics[0].kafka.pauseOnError=false")
			.run((context) -> {
				TestKafka.sendJson(topic, 0, "{\"data\":\"test-data\",\"fail\":true}");
				TestKafka.sendJson(topic, 0, "{\"data\":\"after\"}");
				Recorder recorder = context.getBean(Recorder.class);
				await().atMost(TestKafka.timeout()).until(() -> recorder.data.size() == 2);
				await().atMost(TestKafka.timeout()).until(() -> Long.valueOf(2).equals(committed(group, topic)));
				KafkaConsumingBridge bridge = bridge(context);
				assertThat(recorder.data).containsExactly("test-data", "after");
				assertThat(bridge.getFailedCount()).isEqualTo(1);
				assertThat(bridge.getPausedPartitions()).isEmpty();
				assertThat(bridge.getPausedOnError()).isEmpty();
				assertThat(bridge.getState()).isEqualTo(ConsumingState.RUNNING);
				assertThat(output).contains("failure requested by the record");
			});
	}

	@Test
	void aHeaderWithoutValueBecomesMetadataWithANullValue() {
		String topic = TestKafka.createTopic("backstage-6-8-5", 1);
		this.contextRunner.withPropertyValues(consuming(topic, TestKafka.uniqueGroup("backstage-6-8-5")))
			.run((context) -> {
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, null,
						"{\"data\":\"with headers\"}".getBytes(StandardCharsets.UTF_8));
				record.headers().add("optional", null);
				record.headers().add("present", "yes".getBytes(StandardCharsets.UTF_8));
				send(record);
				Recorder recorder = context.getBean(Recorder.class);
				await().atMost(TestKafka.timeout()).until(() -> !recorder.metadata.isEmpty());
				EventMetadata metadata = recorder.metadata.peek();
				assertThat(metadata.contains("optional")).isTrue();
				assertThat(metadata.getAll("optional")).containsExactly((String) null);
				assertThat(metadata.get("optional")).isNull();
				assertThat(metadata.get("present")).isEqualTo("yes");
			});
	}

	private static String[] consuming(String topic, String group) {
		return new String[] { PREFIX + "clientId=backstage-events", PREFIX + "brokers[0]=" + TestKafka.brokers(),
				PREFIX + "topics[0].topic=backstage-topic", PREFIX + "topics[0].kafka.topics[0]=" + topic,
				PREFIX + "topics[0].kafka.groupId=" + group, PREFIX + "topics[0].kafka.fromBeginning=true" };
	}

	private static void send(ProducerRecord<byte[], byte[]> record) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
	}

	private static KafkaConsumingBridge bridge(ConfigurableApplicationContext context) {
		return context.getBean(KafkaConsumingBridges.class).find(MAPPING).orElseThrow();
	}

	private static Long committed(String group, String topic) {
		return TestKafka.committedOffset(group, topic, 0);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder {

		final Queue<String> data = new ConcurrentLinkedQueue<>();

		final Queue<EventMetadata> metadata = new ConcurrentLinkedQueue<>();

		@EventHandler("backstage-topic")
		void handle(Map<String, Object> payload, EventMetadata metadata) {
			this.data.add(String.valueOf(payload.get("data")));
			this.metadata.add(metadata);
			if (Boolean.TRUE.equals(payload.get("fail"))) {
				throw new IllegalStateException("failure requested by the record");
			}
		}

	}

}
