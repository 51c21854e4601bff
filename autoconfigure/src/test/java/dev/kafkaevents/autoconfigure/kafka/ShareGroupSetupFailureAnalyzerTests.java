package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.consumer.ShareGroupSetupException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShareGroupSetupFailureAnalyzer}.
 *
 * @author kafka-events
 */
class ShareGroupSetupFailureAnalyzerTests {

	@Test
	void analysisNamesTheMappingWhatIsWrongAndWhatToDo() {
		ShareGroupSetupException cause = new ShareGroupSetupException("dev.orders",
				"brokers [kafka1:9092] do not support share groups (feature share.version is not enabled).",
				"Use Kafka 4.2 or later.", null);
		FailureAnalysis analysis = new ShareGroupSetupFailureAnalyzer()
			.analyze(new ApplicationContextException("Failed to start bean 'kafkaConsumingBridges'", cause));
		assertThat(analysis.getDescription())
			.isEqualTo("Kafka events consuming mapping 'dev.orders' cannot consume through a share group: "
					+ "brokers [kafka1:9092] do not support share groups (feature share.version is not enabled).");
		assertThat(analysis.getAction()).isEqualTo("Use Kafka 4.2 or later.");
	}

}
