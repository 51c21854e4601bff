package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Compression;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the producer tuning keys of the publishing side: {@code compression} per
 * instance and per mapping, and the warning when {@code properties} weaken
 * {@code acks=all}.
 *
 * @author kafka-events
 */
@ExtendWith(OutputCaptureExtension.class)
class ProducerTuningConfigurationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	@Test
	void compressionOfTheInstanceAppliesToItsMappingsUnlessAMappingSetsItsOwn() {
		KafkaEventsContextRunners.withYaml("publishing-tuning.yaml").run((context) -> {
			KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
			assertThat(registry.getPublishingMappings()).extracting(PublishingMapping::id)
				.containsExactly("dev.inherits", "dev.gzipped", "dev.uncompressed", "plain.snappy", "plain.default");
			assertThat(registry.getPublishingMappings())
				.extracting((mapping) -> mapping.producerProperties().get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
				.containsExactly("zstd", "gzip", "none", "snappy", null);
			assertThat(KafkaEventsContextRunners.publishingProperties(registry)).extractingByKeys("dev", "plain")
				.extracting((properties) -> properties.get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
				.containsExactly("zstd", null);
		});
	}

	@Test
	void compressionBindsEachCodecOfTheKafkaClient() {
		assertThat(Compression.values()).extracting(Compression::getId)
			.containsExactly("none", "gzip", "snappy", "lz4", "zstd")
			.allSatisfy((
					id) -> ProducerConfig.configDef().configKeys().get(ProducerConfig.COMPRESSION_TYPE_CONFIG).validator
						.ensureValid(ProducerConfig.COMPRESSION_TYPE_CONFIG, id));
	}

	@Test
	void anUnknownCompressionFailsStartupNamingTheProperty() {
		KafkaEventsContextRunners.withYaml("publishing-tuning.yaml")
			.withPropertyValues(PUBLISHING + "plain.compression=brotli")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindException bindFailure = findCause(context.getStartupFailure(), BindException.class);
				assertThat(bindFailure.getProperty().getName().toString()).startsWith("events.modules.kafka.")
					.endsWith(".plain.compression");
				assertThat(bindFailure.getProperty().getValue()).isEqualTo("brotli");
			});
	}

	@Test
	void acksOtherThanAllInAMappingsPropertiesLogsAWarningNamingTheMappingAndTheProperty(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("publishing-acks.yaml").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("WARN")
				.contains("Kafka events publishing mapping 'dev.payments' (instance 'dev') sends with acks=1 ("
						+ PUBLISHING + "dev.topics[1].kafka.properties[acks]): its publish futures complete "
						+ "before every in-sync replica has the record")
				.doesNotContain("'dev.orders'")
				.doesNotContain("no send failure");
		});
	}

	@Test
	void acksZeroInAnInstancesPropertiesLogsAWarningForEachOfItsMappings(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("publishing-tuning.yaml")
			.withPropertyValues(PUBLISHING + "plain.properties[acks]=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (String mapping : new String[] { "plain.snappy", "plain.default" }) {
					assertThat(output).contains("Kafka events publishing mapping '" + mapping
							+ "' (instance 'plain') sends with acks=0 (" + PUBLISHING + "plain.properties[acks])");
				}
				assertThat(output).contains("and no send failure is reported").doesNotContain("'dev.");
			});
	}

	@Test
	void acksAllOrMinusOneInPropertiesLogsNoWarning(CapturedOutput output) {
		KafkaEventsContextRunners.withYaml("publishing-tuning.yaml")
			.withPropertyValues(PUBLISHING + "dev.properties[acks]=-1", PUBLISHING + "plain.properties[acks]=all")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("sends with acks=");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getName() + " in " + failure);
	}

}
