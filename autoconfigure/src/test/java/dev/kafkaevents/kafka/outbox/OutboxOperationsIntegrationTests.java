package dev.kafkaevents.kafka.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint;
import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint.OutboxAction;
import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint.OutboxActionDescriptor;
import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint.OutboxDescriptor;
import dev.kafkaevents.actuate.metrics.KafkaEventsOutboxMetrics;
import dev.kafkaevents.autoconfigure.actuate.endpoint.KafkaEventsEndpointAutoConfiguration;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operating the outbox: the {@code kafkaevents} endpoint shows and retries or discards
 * failed rows, the health turns to the configured status while a pending row is older
 * than the threshold, and the meters count written, sent and failed rows.
 *
 * @author kafka-events
 */
class OutboxOperationsIntegrationTests {

	private static final String MAPPING = OutboxApplication.EVENTS_TOPIC;

	@Test
	void endpointShowsFailedRowsAndRetriesOrDiscardsThem() throws Exception {
		String topic = "outbox-ops-" + TestDatabase.uniquePrefix();
		try (ConfigurableApplicationContext context = OutboxApplication.start(properties(topic, "2"),
				Operations.class)) {
			EventsService events = context.getBean(EventsService.class);
			KafkaEventsEndpoint endpoint = context.getBean(KafkaEventsEndpoint.class);
			OutboxApplication.publish(events, "a", "first");
			OutboxApplication.publish(events, "b", "second");
			await().atMost(TestKafka.timeout()).until(() -> outbox(endpoint).failed() == 2);
			assertThat(outbox(endpoint).pending()).isZero();
			assertThat(endpoint.outbox(OutboxApplication.INSTANCE, MAPPING, "other", OutboxAction.RETRY)).isNull();
			assertThat(endpoint.outbox(OutboxApplication.INSTANCE, "unknown", "outbox", OutboxAction.RETRY)).isNull();
			createTopic(topic);
			OutboxActionDescriptor retried = endpoint.outbox(OutboxApplication.INSTANCE, MAPPING, "outbox",
					OutboxAction.RETRY);
			assertThat(retried.rows()).isEqualTo(2);
			await().atMost(TestKafka.timeout()).until(() -> TestKafka.recordCount(topic) == 2);
			await().atMost(TestKafka.timeout()).until(() -> outbox(endpoint).pending() == 0);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(KafkaEventsOutboxMetrics.WRITTEN).counter().count()).isEqualTo(2);
			assertThat(meters.get(KafkaEventsOutboxMetrics.FAILED).tag("outcome", "failed").counter().count())
				.isEqualTo(2);
			assertThat(meters.get(KafkaEventsOutboxMetrics.SENT).counter().count()).isEqualTo(2);
			assertThat(meters.get(KafkaEventsOutboxMetrics.DISPATCH_LATENCY).timer().count()).isEqualTo(2);
			assertThat(meters.get(KafkaEventsOutboxMetrics.SENT).counter().getId().getTag("kafka.events.instance"))
				.isEqualTo(OutboxApplication.INSTANCE);
		}
	}

	@Test
	void discardDeletesTheFailedRows() {
		String topic = "outbox-discard-" + TestDatabase.uniquePrefix();
		try (ConfigurableApplicationContext context = OutboxApplication.start(properties(topic, "1"),
				Operations.class)) {
			KafkaEventsEndpoint endpoint = context.getBean(KafkaEventsEndpoint.class);
			OutboxApplication.publish(context.getBean(EventsService.class), "a", "first");
			await().atMost(TestKafka.timeout()).until(() -> outbox(endpoint).failed() == 1);
			OutboxActionDescriptor discarded = endpoint.outbox(OutboxApplication.INSTANCE, MAPPING, "outbox",
					OutboxAction.DISCARD);
			assertThat(discarded.rows()).isOne();
			assertThat(discarded.outbox()).isEqualTo(new OutboxDescriptor(0, 0, null));
		}
	}

	@Test
	void healthReportsTheConfiguredStatusWhileAPendingRowIsOlderThanTheThreshold() throws Exception {
		String topic = "outbox-health-" + TestDatabase.uniquePrefix();
		Map<String, Object> properties = properties(topic, "1000");
		properties.put("events.modules.kafka.outbox.health.pending-age-threshold", "300ms");
		properties.put("events.modules.kafka.outbox.health.status", "OUT_OF_SERVICE");
		try (ConfigurableApplicationContext context = OutboxApplication.start(properties, Operations.class)) {
			HealthIndicator health = context.getBean("kafkaEventsOutboxHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			OutboxApplication.publish(context.getBean(EventsService.class), "a", "late");
			await().atMost(TestKafka.timeout()).until(() -> health.health().getStatus().equals(Status.OUT_OF_SERVICE));
			assertThat(health.health().getDetails()).containsKey(OutboxApplication.MAPPING_ID);
			createTopic(topic);
			await().atMost(TestKafka.timeout()).until(() -> health.health().getStatus().equals(Status.UP));
		}
	}

	private static OutboxDescriptor outbox(KafkaEventsEndpoint endpoint) {
		return endpoint.instance(OutboxApplication.INSTANCE).publishing().get(0).outbox();
	}

	private static Map<String, Object> properties(String topic, String maxAttempts) {
		Map<String, Object> properties = new LinkedHashMap<>(
				OutboxApplication.properties(TestDatabase.H2, TestKafka.brokers(), topic, TestDatabase.uniquePrefix()));
		properties.put("events.modules.kafka.kafkaPublishingEventConsumer.outbox.properties[max.block.ms]", "200");
		properties.put("events.modules.kafka.outbox.retry.initial-interval", "50ms");
		properties.put("events.modules.kafka.outbox.retry.max-interval", "200ms");
		properties.put("events.modules.kafka.outbox.retry.max-attempts", maxAttempts);
		properties.put("events.modules.kafka.outbox.send-timeout", "1s");
		properties.put("management.endpoints.web.exposure.include", "kafkaevents");
		return properties;
	}

	private static void createTopic(String name) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()))) {
			admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
		}
	}

	/**
	 * The endpoint and a meter registry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(KafkaEventsEndpointAutoConfiguration.class)
	static class Operations {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
