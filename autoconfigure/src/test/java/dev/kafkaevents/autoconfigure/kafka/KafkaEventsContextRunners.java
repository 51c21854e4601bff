package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;

import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Context runners that see configuration as an application does: YAML files from
 * {@code src/test/resources/kafka-events} loaded as property sources, then the
 * {@link KafkaEventsEnvironmentPostProcessor}, then the auto-configuration.
 *
 * @author kafka-events
 */
final class KafkaEventsContextRunners {

	private KafkaEventsContextRunners() {
	}

	/**
	 * Return a runner that loads the given YAML files of {@code kafka-events/}, in order,
	 * before the post-processor runs.
	 * @param files the YAML file names
	 * @return the runner
	 */
	static ApplicationContextRunner withYaml(String... files) {
		return withYaml(null, files);
	}

	/**
	 * Return a runner that loads the given YAML files and sends the post-processor's log
	 * to the given log.
	 * @param log the post-processor's log, or {@code null} for its own
	 * @param files the YAML file names
	 * @return the runner
	 */
	static ApplicationContextRunner withYaml(Log log, String... files) {
		return new ApplicationContextRunner().withInitializer((context) -> addYaml(context, files))
			.withInitializer((context) -> postProcess(context, log))
			.withConfiguration(AutoConfigurations.of(KafkaEventsAutoConfiguration.class));
	}

	/**
	 * Return the instance-level producer properties of each instance with a publishing
	 * side, by name.
	 * @param registry the registry
	 * @return producer properties by instance name
	 */
	static Map<String, Map<String, Object>> publishingProperties(KafkaInstanceRegistry registry) {
		Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
		for (KafkaInstance instance : registry.getInstances()) {
			KafkaConnection publishing = instance.publishing();
			if (publishing != null) {
				properties.put(instance.name(), publishing.clientProperties());
			}
		}
		return properties;
	}

	private static void addYaml(ConfigurableApplicationContext context, String... files) {
		for (String file : files) {
			load(file).forEach(context.getEnvironment().getPropertySources()::addLast);
		}
	}

	private static List<PropertySource<?>> load(String file) {
		try {
			return new YamlPropertySourceLoader().load(file, new ClassPathResource("kafka-events/" + file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Run the post-processor on the environment of the given context.
	 * @param context the context
	 * @param log the post-processor's log, or {@code null} for its own
	 */
	static void postProcess(ConfigurableApplicationContext context, Log log) {
		new KafkaEventsEnvironmentPostProcessor((destination) -> (log != null) ? log : destination.get())
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication());
	}

}
