package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.FilteredTopic;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.ExpressionEventFilter;
import dev.kafkaevents.kafka.KafkaEventFilter;
import dev.kafkaevents.kafka.format.KeyFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.expression.ParseException;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Resolves the {@code filter} and {@code filterBean} keys of a mapping into one
 * {@link KafkaEventFilter}: the expression is parsed once here, so that one that does not
 * parse fails startup, and the bean must exist with the right type.
 *
 * @author kafka-events
 */
final class EventFilters {

	private final @Nullable BeanFactory beanFactory;

	EventFilters(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Resolve the filter of a mapping.
	 * @param path the path of the mapping
	 * @param topic the mapping's settings
	 * @param keyFormat the mapping's key format
	 * @param problems where problems are reported
	 * @return the filter, or {@code null} when the mapping has none
	 */
	@Nullable KafkaEventFilter resolve(String path, FilteredTopic topic, KeyFormat keyFormat, ConfigurationProblems problems) {
		KafkaEventFilter expression = expression(path + ".filter", topic.getFilter(), keyFormat, problems);
		KafkaEventFilter bean = bean(path + ".filterBean", topic.getFilterBean(), problems);
		if (expression != null && bean != null) {
			return (event) -> expression.accept(event) && bean.accept(event);
		}
		return (expression != null) ? expression : bean;
	}

	private static @Nullable KafkaEventFilter expression(String path, @Nullable String expression, KeyFormat keyFormat,
			ConfigurationProblems problems) {
		if (!StringUtils.hasText(expression)) {
			return null;
		}
		try {
			return new ExpressionEventFilter(expression, keyFormat);
		}
		catch (ParseException ex) {
			problems.problem(path, "The SpEL expression does not parse: " + ex.getSimpleMessage() + ".",
					"Fix the expression in " + path + ", such as value.itemId == 'a4f6j2'.");
			return null;
		}
	}

	private @Nullable KafkaEventFilter bean(String path, @Nullable String name, ConfigurationProblems problems) {
		if (!StringUtils.hasText(name)) {
			return null;
		}
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null || !beanFactory.containsBean(name)
				|| !beanFactory.isTypeMatch(name, KafkaEventFilter.class)) {
			problems.problem(path, "No KafkaEventFilter bean named '" + name + "'.",
					"Define a bean of type KafkaEventFilter named '" + name + "', or fix " + path + ".");
			return null;
		}
		return new BeanEventFilter(name, beanFactory);
	}

	/**
	 * A filter bean, looked up on first use so that the registry never creates it early.
	 */
	private static final class BeanEventFilter implements KafkaEventFilter {

		private final String name;

		private final SingletonSupplier<KafkaEventFilter> filter;

		BeanEventFilter(String name, BeanFactory beanFactory) {
			this.name = name;
			this.filter = SingletonSupplier.of(() -> beanFactory.getBean(name, KafkaEventFilter.class));
		}

		@Override
		public boolean accept(EventParams event) {
			return this.filter.obtain().accept(event);
		}

		@Override
		public String toString() {
			return "BeanEventFilter[" + this.name + "]";
		}

	}

}
