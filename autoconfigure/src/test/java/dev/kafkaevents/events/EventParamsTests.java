package dev.kafkaevents.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EventParams}.
 */
class EventParamsTests {

	@Test
	void ofShouldUseEmptyMetadata() {
		EventParams params = EventParams.of("orders", null);
		assertThat(params.topic()).isEqualTo("orders");
		assertThat(params.eventPayload()).isNull();
		assertThat(params.metadata()).isSameAs(EventMetadata.empty());
	}

	@Test
	void createWithEmptyTopicShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventParams.of(" ", "payload"))
			.withMessage("'topic' must not be empty");
	}

	@Test
	void createWithNullMetadataShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventParams("orders", "payload", null))
			.withMessage("'metadata' must not be null");
	}

}
