package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Makes a Backstage {@code events.modules.kafka} block bindable as it is: Backstage
 * durations, {@code ssl: true} and the legacy single consumer form (instance
 * {@code default}, with Backstage's warning). Rejects the legacy form on the publishing
 * side, as Backstage does. Also adds, at the lowest precedence, a health status order
 * that places {@code PAUSED_ON_ERROR} between DOWN and UP.
 *
 * @author kafka-events
 */
public class KafkaEventsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Order of this post-processor: right after configuration data has been loaded.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	static final String LEGACY_WARNING = "Legacy single config format detected at events.modules.kafka.kafkaConsumingEventPublisher.";

	static final String DEFAULTS_SOURCE_NAME = "kafkaEventsDefaults";

	private static final Map<String, Object> DEFAULTS = Map.of("management.endpoint.health.status.order",
			"DOWN,OUT_OF_SERVICE,PAUSED_ON_ERROR,UP,UNKNOWN");

	private final Log logger;

	/**
	 * Create a new post-processor.
	 * @param logFactory the factory of the deferred startup log
	 */
	public KafkaEventsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(KafkaEventsEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE_NAME, DEFAULTS));
		List<EnumerablePropertySource<?>> sources = kafkaEventsSources(environment);
		if (sources.isEmpty()) {
			return;
		}
		rejectLegacyPublishingForm(sources);
		boolean legacyConsuming = sources.stream()
			.anyMatch((source) -> BackstageCompatiblePropertySource.hasKey(source,
					BackstageCompatiblePropertySource.CONSUMING.append("client-id")));
		if (legacyConsuming) {
			this.logger.warn(LEGACY_WARNING);
		}
		for (EnumerablePropertySource<?> source : sources) {
			environment.getPropertySources()
				.replace(source.getName(), BackstageCompatiblePropertySource.adapt(source, legacyConsuming));
		}
	}

	private static List<EnumerablePropertySource<?>> kafkaEventsSources(ConfigurableEnvironment environment) {
		List<EnumerablePropertySource<?>> sources = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& !(source instanceof BackstageCompatiblePropertySource)
					&& !(source instanceof SystemEnvironmentPropertySource)
					&& BackstageCompatiblePropertySource.configuresKafkaEvents(enumerable)) {
				sources.add(enumerable);
			}
		}
		return sources;
	}

	private static void rejectLegacyPublishingForm(List<EnumerablePropertySource<?>> sources) {
		boolean legacy = sources.stream()
			.anyMatch((source) -> BackstageCompatiblePropertySource.hasKey(source,
					BackstageCompatiblePropertySource.PUBLISHING.append("client-id")));
		if (legacy) {
			throw new InvalidKafkaEventsConfigurationException(List.of(new Problem(
					"events.modules.kafka.kafkaPublishingEventConsumer.clientId",
					"kafkaPublishingEventConsumer takes named instances only; the legacy single-object form exists only for kafkaConsumingEventPublisher.",
					"Move clientId, brokers and topics under events.modules.kafka.kafkaPublishingEventConsumer.<instance>, for example 'default'.")));
		}
	}

}
