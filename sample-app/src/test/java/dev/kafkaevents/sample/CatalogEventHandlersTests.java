package dev.kafkaevents.sample;

import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.events.EventsService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link CatalogEventHandlers} in-process, without Kafka, as
 * {@code docs/testing.md} shows: the Kafka auto-configurations are excluded although
 * {@code application.yml} configures both bridges, and the sample's embedded broker is
 * not started.
 *
 * @author kafka-events
 */
@SpringBootTest(properties = { "sample.embedded-kafka.enabled=false",
		"spring.autoconfigure.exclude=dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration,"
				+ "dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration" })
class CatalogEventHandlersTests {

	@Autowired
	private EventsService eventsService;

	@Autowired
	private CatalogEventHandlers handlers;

	@Test
	void eventPayloadIsConvertedForTheHandlerBeforePublishReturns() {
		this.eventsService.publish(EventParams.of("catalog.entity.created",
				Map.of("entityRef", "component:default/payments", "kind", "Component", "owner", "team-b")))
			.join();
		assertThat(this.handlers.getCreated())
			.contains(new EntityEvent("component:default/payments", "Component", "team-b"));
	}

	@Test
	void payloadThatCannotBeConvertedFailsThePublish() {
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(
					() -> this.eventsService.publish(EventParams.of("catalog.entity.created", "not an entity")).join())
			.havingCause()
			.isInstanceOf(EventDeliveryException.class)
			.havingCause()
			.isInstanceOf(EventPayloadConversionException.class);
	}

}
