package dev.kafkaevents.kafka.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.autoconfigure.outbox.KafkaEventsOutboxAutoConfiguration;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application with one outbox-backed publishing mapping, from events topic
 * {@value #EVENTS_TOPIC} to a Kafka topic, keyed by the payload's {@code key}, on a JDBC
 * {@code DataSource} and its transaction manager.
 *
 * @author kafka-events
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
		EventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
		KafkaEventsOutboxAutoConfiguration.class })
class OutboxApplication {

	static final String EVENTS_TOPIC = "orders";

	static final String INSTANCE = "outbox";

	static final String MAPPING_ID = INSTANCE + "." + EVENTS_TOPIC;

	private static final String PREFIX = "events.modules.kafka.kafkaPublishingEventConsumer." + INSTANCE + ".";

	static Map<String, Object> properties(TestDatabase database, String brokers, String kafkaTopic,
			String tablePrefix) {
		return properties(database.url(), database.username(), database.password(), brokers, kafkaTopic, tablePrefix);
	}

	static Map<String, Object> properties(String url, String username, String password, String brokers,
			String kafkaTopic, String tablePrefix) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", username);
		properties.put("spring.datasource.password", password);
		properties.put("spring.datasource.hikari.maximum-pool-size", "8");
		properties.put(PREFIX + "clientId", "outbox-test");
		properties.put(PREFIX + "brokers[0]", brokers);
		properties.put(PREFIX + "topics[0].topic", EVENTS_TOPIC);
		properties.put(PREFIX + "topics[0].kafka.topic", kafkaTopic);
		properties.put(PREFIX + "topics[0].kafka.key", "/key");
		properties.put(PREFIX + "topics[0].outbox", "true");
		properties.put("events.modules.kafka.outbox.table-prefix", tablePrefix);
		properties.put("events.modules.kafka.outbox.initialize-schema", "always");
		properties.put("events.modules.kafka.outbox.continue-on-error", "false");
		properties.put("events.modules.kafka.outbox.poll-interval", "200ms");
		properties.put("logging.level.org.apache.kafka", "WARN");
		return properties;
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... more) {
		Class<?>[] sources = new Class<?>[more.length + 1];
		sources[0] = OutboxApplication.class;
		System.arraycopy(more, 0, sources, 1, more.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run();
	}

	static EventParams event(String key, String value) {
		String json = "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}";
		return EventParams.of(EVENTS_TOPIC, json.getBytes(StandardCharsets.UTF_8));
	}

	static void publish(EventsService events, String key, String value) {
		events.publish(event(key, value)).join();
	}

}
