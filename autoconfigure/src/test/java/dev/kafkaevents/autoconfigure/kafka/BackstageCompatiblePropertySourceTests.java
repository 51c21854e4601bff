package dev.kafkaevents.autoconfigure.kafka;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackstageCompatiblePropertySource}.
 *
 * @author kafka-events
 */
class BackstageCompatiblePropertySourceTests {

	@Test
	void durationKeysAreEveryDurationPropertyOfThePropertiesTypes() {
		assertThat(BackstageCompatiblePropertySource.durationKeys(KafkaEventsProperties.class, new HashSet<>()))
			.containsExactlyInAnyOrder("authenticationtimeout", "connectiontimeout", "requesttimeout", "maxretrytime",
					"initialretrytime", "sessiontimeout", "rebalancetimeout", "heartbeatinterval", "metadatamaxage",
					"maxwaittime", "transactiontimeout", "initialinterval", "maxinterval");
	}

}
