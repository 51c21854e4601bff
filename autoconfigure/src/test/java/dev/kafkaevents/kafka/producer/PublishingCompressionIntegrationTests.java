package dev.kafkaevents.kafka.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests proving that {@code compression} reaches the broker: the record
 * batches the publishing bridges wrote are read back from the broker's log segment, and
 * the records through a raw consumer.
 *
 * @author kafka-events
 */
class PublishingCompressionIntegrationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	private static final List<String> CODECS = List.of("inherited", "gzip", "snappy", "lz4", "none");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class))
		.withPropertyValues(PUBLISHING + ".clientId=test-compression",
				PUBLISHING + ".brokers[0]=" + TestKafka.brokers(), PUBLISHING + ".compression=zstd");

	@Test
	void eachMappingWritesBatchesCompressedWithItsCodecOrTheInstances() {
		List<String> topics = new ArrayList<>();
		ApplicationContextRunner runner = this.contextRunner;
		for (int i = 0; i < CODECS.size(); i++) {
			String topic = TestKafka.createTopic("compressed-" + CODECS.get(i), 1);
			topics.add(topic);
			runner = runner.withPropertyValues(PUBLISHING + ".topics[" + i + "].topic=events." + CODECS.get(i),
					PUBLISHING + ".topics[" + i + "].kafka.topic=" + topic);
			if (i > 0) {
				runner = runner
					.withPropertyValues(PUBLISHING + ".topics[" + i + "].kafka.compression=" + CODECS.get(i));
			}
		}
		String payload = "{\"text\":\"" + "compressible ".repeat(200) + "\"}";
		runner.run((context) -> {
			KafkaEvents kafkaEvents = context.getBean(KafkaEvents.class);
			for (String codec : CODECS) {
				kafkaEvents.publish(EventParams.of("events." + codec, payload)).get(30, TimeUnit.SECONDS);
			}
			assertThat(context.getBean(KafkaPublishingBridges.class).getBridges())
				.extracting((bridge) -> bridge.getTemplate()
					.getProducerFactory()
					.getConfigurationProperties()
					.get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
				.containsExactly("zstd", "gzip", "snappy", "lz4", "none");
			assertThat(topics).extracting(PublishingCompressionIntegrationTests::batchCompression)
				.containsExactly(List.of(CompressionType.ZSTD), List.of(CompressionType.GZIP),
						List.of(CompressionType.SNAPPY), List.of(CompressionType.LZ4), List.of(CompressionType.NONE));
			assertThat(topics).allSatisfy((topic) -> assertThat(TestKafka.records(topic, 1))
				.extracting((record) -> new String(record.value(), StandardCharsets.UTF_8))
				.containsExactly(payload));
		});
	}

	private static List<CompressionType> batchCompression(String topic) {
		List<CompressionType> compression = new ArrayList<>();
		for (RecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(logSegment(topic))).batches()) {
			compression.add(batch.compressionType());
		}
		return compression;
	}

	private static byte[] logSegment(String topic) {
		TopicPartition partition = new TopicPartition(topic, 0);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
			for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers)
				.allDescriptions()
				.get()
				.values()) {
				for (Map.Entry<String, LogDirDescription> dir : dirs.entrySet()) {
					if (dir.getValue().replicaInfos().containsKey(partition)) {
						return read(Path.of(dir.getKey(), topic + "-0"));
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		throw new AssertionError("No log directory holds " + partition);
	}

	private static byte[] read(Path partitionDirectory) {
		try (Stream<Path> files = Files.list(partitionDirectory)) {
			Path segment = files.filter((file) -> file.toString().endsWith(".log")).findFirst().orElseThrow();
			return Files.readAllBytes(segment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
