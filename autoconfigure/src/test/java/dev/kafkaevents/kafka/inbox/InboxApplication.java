package dev.kafkaevents.kafka.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.inbox.KafkaEventsInboxAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.autoconfigure.outbox.KafkaEventsOutboxAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An application with one idempotent consuming mapping, from a Kafka topic to events
 * topic {@value #EVENTS_TOPIC}, whose handler inserts a business row per event with
 * {@link JdbcTemplate} and, for events marked {@code forward}, publishes an event through
 * an outbox-backed publishing mapping; it fails after both for the values in
 * {@link #FAILING}. An asynchronous handler of the same events fails for the values in
 * {@link #FAILING_ASYNC}.
 *
 * @author kafka-events
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
		EventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
		KafkaEventsOutboxAutoConfiguration.class, KafkaEventsInboxAutoConfiguration.class })
class InboxApplication {

	static final String EVENTS_TOPIC = "payments";

	static final String FORWARDED_TOPIC = "forwarded";

	static final String INSTANCE = "inbox";

	static final String MAPPING_ID = INSTANCE + "." + EVENTS_TOPIC;

	static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher." + INSTANCE + ".";

	static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer." + INSTANCE + ".";

	/**
	 * Values whose handling fails after the business insert and the forward.
	 */
	static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

	/**
	 * Values whose asynchronous handler's stage fails, after the synchronous handler's
	 * business insert.
	 */
	static final Set<String> FAILING_ASYNC = ConcurrentHashMap.newKeySet();

	static Map<String, Object> properties(TestDatabase database, String brokers, String kafkaTopic, String groupId,
			String tablePrefix) {
		return properties(database.url(), database.username(), database.password(), brokers, kafkaTopic, groupId,
				tablePrefix);
	}

	static Map<String, Object> properties(String url, String username, String password, String brokers,
			String kafkaTopic, String groupId, String tablePrefix) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", username);
		properties.put("spring.datasource.password", password);
		properties.put("spring.datasource.hikari.maximum-pool-size", "8");
		properties.put(CONSUMING + "clientId", "inbox-test");
		properties.put(CONSUMING + "brokers[0]", brokers);
		properties.put(CONSUMING + "topics[0].topic", EVENTS_TOPIC);
		properties.put(CONSUMING + "topics[0].kafka.topics[0]", kafkaTopic);
		properties.put(CONSUMING + "topics[0].kafka.groupId", groupId);
		properties.put(CONSUMING + "topics[0].kafka.fromBeginning", "true");
		properties.put(CONSUMING + "topics[0].idempotent", "true");
		properties.put(PUBLISHING + "clientId", "inbox-test");
		properties.put(PUBLISHING + "brokers[0]", brokers);
		properties.put(PUBLISHING + "topics[0].topic", FORWARDED_TOPIC);
		properties.put(PUBLISHING + "topics[0].kafka.topic", kafkaTopic + ".forwarded");
		properties.put(PUBLISHING + "topics[0].outbox", "true");
		properties.put("events.modules.kafka.outbox.table-prefix", tablePrefix);
		properties.put("events.modules.kafka.outbox.initialize-schema", "always");
		properties.put("events.modules.kafka.inbox.table-prefix", tablePrefix);
		properties.put("events.modules.kafka.inbox.initialize-schema", "always");
		properties.put("events.modules.kafka.inbox.continue-on-error", "false");
		properties.put("test.inbox.prefix", tablePrefix);
		properties.put("logging.level.org.apache.kafka", "WARN");
		return properties;
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return new SpringApplicationBuilder(InboxApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run();
	}

	static void createBusinessTable(JdbcTemplate jdbc, String prefix) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + prefix + "business (event VARCHAR(64) NOT NULL)");
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	PaymentHandler paymentHandler(DataSource dataSource, EventsService events,
			@Value("${test.inbox.prefix}") String prefix) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		createBusinessTable(jdbc, prefix);
		return new PaymentHandler(jdbc, events, prefix);
	}

	/**
	 * Inserts a business row per event, forwards some, and fails for the values in
	 * {@link InboxApplication#FAILING}.
	 */
	static class PaymentHandler {

		private final JdbcTemplate jdbc;

		private final EventsService events;

		private final String prefix;

		PaymentHandler(JdbcTemplate jdbc, EventsService events, String prefix) {
			this.jdbc = jdbc;
			this.events = events;
			this.prefix = prefix;
		}

		@EventHandler(EVENTS_TOPIC)
		void handle(JsonNode payment) {
			String value = payment.get("value").asString();
			this.jdbc.update("INSERT INTO " + this.prefix + "business (event) VALUES (?)", value);
			if (payment.has("forward")) {
				this.events.publish(EventParams.of(FORWARDED_TOPIC, "{\"value\":\"" + value + "\"}")).join();
			}
			if (FAILING.contains(value)) {
				throw new IllegalStateException("Payment " + value + " failed");
			}
		}

		@EventHandler(EVENTS_TOPIC)
		CompletableFuture<Void> handleAsync(JsonNode payment) {
			String value = payment.get("value").asString();
			return CompletableFuture.runAsync(() -> {
				if (FAILING_ASYNC.contains(value)) {
					throw new IllegalStateException("Payment " + value + " failed asynchronously");
				}
			});
		}

	}

}
