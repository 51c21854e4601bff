package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A Spring Boot application with kafka-events auto-configured from
 * {@code events.modules.kafka} properties, built programmatically for one benchmark case.
 *
 * @author kafka-events
 */
final class BridgeApplication implements AutoCloseable {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.bench.";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.bench.";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	private final ConfigurableApplicationContext context;

	private BridgeApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	EventsService eventsService() {
		return this.context.getBean(EventsService.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	List<KafkaConsumingBridge> consumingBridges() {
		return this.context.getBean(KafkaConsumingBridges.class).getBridges();
	}

	/**
	 * Wait until every consuming bridge has partitions assigned.
	 * @param timeout how long to wait at most
	 */
	void awaitAssignment(Duration timeout) {
		Waits.until(() -> consumingBridges().stream().noneMatch((bridge) -> bridge.getAssignedPartitions().isEmpty()),
				timeout, "partitions assigned to every consuming mapping");
	}

	@Override
	public void close() {
		this.context.close();
	}

	static Builder builder(String bootstrap) {
		return new Builder(bootstrap);
	}

	/**
	 * Builds the configuration of an application and runs it.
	 */
	static final class Builder {

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private final Map<Class<?>, Supplier<?>> beans = new LinkedHashMap<>();

		private final String bootstrap;

		private int consumingMappings;

		private int publishingMappings;

		private Builder(String bootstrap) {
			this.bootstrap = bootstrap;
			this.properties.put("spring.main.banner-mode", "off");
			this.properties.put("spring.kafka.bootstrap-servers", bootstrap);
			this.properties.put(EXCLUDE, "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		}

		Builder consuming(String eventsTopic, String kafkaTopic, String groupId, boolean autoCommit) {
			if (this.consumingMappings == 0) {
				connection(CONSUMING, "bench-consumer");
			}
			String mapping = CONSUMING + "topics[" + this.consumingMappings++ + "].";
			this.properties.put(mapping + "topic", eventsTopic);
			this.properties.put(mapping + "kafka.topics", kafkaTopic);
			this.properties.put(mapping + "kafka.groupId", groupId);
			this.properties.put(mapping + "kafka.fromBeginning", true);
			this.properties.put(mapping + "kafka.autoCommit", autoCommit);
			return this;
		}

		Builder filter(String expression) {
			this.properties.put(CONSUMING + "topics[" + (this.consumingMappings - 1) + "].filter", expression);
			return this;
		}

		Builder publishing(String eventsTopic, String kafkaTopic) {
			if (this.publishingMappings == 0) {
				connection(PUBLISHING, "bench-producer");
			}
			String mapping = PUBLISHING + "topics[" + this.publishingMappings++ + "].";
			this.properties.put(mapping + "topic", eventsTopic);
			this.properties.put(mapping + "kafka.topic", kafkaTopic);
			return this;
		}

		Builder outbox(String url, String username, String password, String tablePrefix) {
			dataSource(url, username, password);
			this.properties.put(PUBLISHING + "outbox", true);
			this.properties.put("events.modules.kafka.outbox.initialize-schema", "always");
			this.properties.put("events.modules.kafka.outbox.table-prefix", tablePrefix);
			return this;
		}

		Builder dataSource(String url, String username, String password) {
			this.properties.remove(EXCLUDE);
			this.properties.put("spring.datasource.url", url);
			this.properties.put("spring.datasource.username", username);
			this.properties.put("spring.datasource.password", password);
			return this;
		}

		Builder idempotent(String tablePrefix) {
			this.properties.put(CONSUMING + "topics[" + (this.consumingMappings - 1) + "].idempotent", true);
			this.properties.put("events.modules.kafka.inbox.initialize-schema", "always");
			this.properties.put("events.modules.kafka.inbox.table-prefix", tablePrefix);
			return this;
		}

		private void connection(String prefix, String clientId) {
			this.properties.put(prefix + "clientId", clientId);
			this.properties.put(prefix + "brokers", this.bootstrap);
		}

		Builder property(String name, Object value) {
			this.properties.put(name, value);
			return this;
		}

		<T> Builder bean(Class<T> type, Supplier<T> supplier) {
			this.beans.put(type, supplier);
			return this;
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		BridgeApplication run() {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.registerShutdownHook(false)
				.properties(this.properties)
				.initializers((applicationContext) -> this.beans
					.forEach((type, supplier) -> ((GenericApplicationContext) applicationContext)
						.registerBean((Class) type, (Supplier) supplier)))
				.run();
			return new BridgeApplication(context);
		}

	}

	/**
	 * The application: auto-configuration only, plus the beans a case registers.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
