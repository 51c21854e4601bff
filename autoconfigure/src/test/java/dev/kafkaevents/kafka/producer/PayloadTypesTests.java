package dev.kafkaevents.kafka.producer;

import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.RecordFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PayloadTypes}.
 *
 * @author kafka-events
 */
class PayloadTypesTests {

	private final PayloadTypes payloadTypes = new PayloadTypes(List.of(
			mapping("dev.orders", "orders", OrderEvent.class), mapping("dev.orders.2", "orders", OrderCreated.class),
			mapping("dev.audit", "audit", Audited.class), mapping("dev.other", "other", null)));

	@Test
	void typeGoesToTheEventsTopicOfThePayloadTypesItIsAssignableTo() {
		assertThat(this.payloadTypes.eventsTopic(OrderCreated.class)).isEqualTo("orders");
		assertThat(this.payloadTypes.eventsTopic(OrderCancelled.class)).isEqualTo("orders");
		assertThat(this.payloadTypes.eventsTopic(Audited.class)).isEqualTo("audit");
	}

	@Test
	void typeThatNoMappingCarriesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.payloadTypes.eventsTopic(String.class))
			.withMessage("No Kafka events publishing mapping carries java.lang.String: set the payloadType of the "
					+ "mapping of its events topic to that class or a supertype, or publish an EventParams that "
					+ "names the events topic");
	}

	@Test
	void typeCarriedToSeveralEventsTopicsIsRefusedNamingTheMappings() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.payloadTypes.eventsTopic(AuditedOrder.class))
			.withMessageStartingWith(AuditedOrder.class.getName() + " is carried to several events topics: ")
			.withMessageContaining("'orders' by mapping 'dev.orders' (" + OrderEvent.class.getName() + ")")
			.withMessageContaining("'audit' by mapping 'dev.audit' (" + Audited.class.getName() + ")");
	}

	private static PublishingMapping mapping(String id, String eventsTopic, @Nullable Class<?> payloadType) {
		return new PublishingMapping(id, "dev", "client", List.of("localhost:9092"), eventsTopic, eventsTopic + "-out",
				null, HeaderForwarding.NONE, Map.of(), RecordFormat.DEFAULT, null, payloadType, false);
	}

	interface OrderEvent {

	}

	interface Audited {

	}

	record OrderCreated(String id) implements OrderEvent {
	}

	record OrderCancelled(String id) implements OrderEvent {
	}

	record AuditedOrder(String id) implements OrderEvent, Audited {
	}

}
