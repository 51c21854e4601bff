package dev.kafkaevents.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SampleApplication}.
 *
 * @author kafka-events
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@Autowired
	private CatalogEventHandlers handlers;

	@Test
	void eventPublishedInProcessAtStartupReachesTheTypedHandler() {
		assertThat(this.handlers.getCreated())
			.containsExactly(new EntityEvent("component:default/petstore", "Component", "team-a"));
	}

}
