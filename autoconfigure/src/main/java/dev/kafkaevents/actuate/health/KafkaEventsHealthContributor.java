package dev.kafkaevents.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.util.Assert;

/**
 * The {@code kafkaEvents} health contributor: one
 * {@link KafkaEventsInstanceHealthIndicator} per instance, keyed by instance name.
 *
 * @author kafka-events
 */
public class KafkaEventsHealthContributor implements CompositeHealthContributor, DisposableBean {

	private final Map<String, KafkaEventsInstanceHealthIndicator> indicators;

	private final CompositeHealthContributor delegate;

	/**
	 * Create a new contributor.
	 * @param indicators the indicators by instance name
	 */
	public KafkaEventsHealthContributor(Map<String, KafkaEventsInstanceHealthIndicator> indicators) {
		Assert.notNull(indicators, "'indicators' must not be null");
		this.indicators = new LinkedHashMap<>(indicators);
		this.delegate = CompositeHealthContributor.fromMap(this.indicators);
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.delegate.getContributor(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.delegate.stream();
	}

	@Override
	public void destroy() {
		this.indicators.values().forEach(KafkaEventsInstanceHealthIndicator::destroy);
	}

}
