package dev.kafkaevents.sample;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts an in-JVM KRaft broker for the sample, unless
 * {@code sample.embedded-kafka.enabled} is false, and points {@code sample.kafka.brokers}
 * at it, so that the sample runs with nothing installed but a JDK.
 *
 * @author kafka-events
 */
class EmbeddedKafkaEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BROKERS_PROPERTY = "sample.kafka.brokers";

	private static EmbeddedKafkaBroker broker;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("sample.embedded-kafka.enabled", Boolean.class, true)) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("sampleEmbeddedKafka", Map.of(BROKERS_PROPERTY, startBroker())));
	}

	private static synchronized String startBroker() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker kraftBroker = new EmbeddedKafkaKraftBroker(1, 3, "catalog-entity-events",
					"catalog-questions", "catalog-replies");
			kraftBroker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
			kraftBroker.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(kraftBroker::destroy, "sample-embedded-kafka-shutdown"));
			broker = kraftBroker;
		}
		return broker.getBrokersAsString();
	}

}
