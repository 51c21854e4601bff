package dev.kafkaevents.autoconfigure.kafka;

import javax.sql.DataSource;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.kafka.EventKeyExpression;
import dev.kafkaevents.kafka.Idempotency;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.format.KeyFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.expression.ParseException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Resolves the idempotency of a consuming mapping ({@code idempotent},
 * {@code idempotencyKey}, {@code idempotencyKeyExpression}, {@code transactionManager}),
 * reporting a missing {@code DataSource} or transaction manager, an expression that does
 * not parse and retry topics, which an idempotent mapping does not support.
 *
 * @author kafka-events
 */
final class IdempotencySettings {

	private static final boolean JDBC_PRESENT = ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate",
			IdempotencySettings.class.getClassLoader());

	private final @Nullable BeanFactory beanFactory;

	IdempotencySettings(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Resolve the idempotency of a mapping.
	 * @param path the path of the mapping
	 * @param topic the mapping's settings
	 * @param keyFormat the mapping's key format
	 * @param problems where problems are reported
	 * @return the idempotency, or {@code null} when the mapping is not idempotent
	 */
	@Nullable Idempotency resolve(String path, ConsumingTopic topic, KeyFormat keyFormat, ConfigurationProblems problems) {
		if (!topic.isIdempotent()) {
			return null;
		}
		if (topic.getRetry().getMode() == RetryMode.TOPICS) {
			problems.problem(path + ".retry.mode", "An idempotent mapping does not support retry topics.",
					"Set " + path + ".retry.mode to blocking or pause-partition, or " + path + ".idempotent to false.");
		}
		checkDatabase(path, problems);
		String transactionManager = topic.getTransactionManager();
		checkTransactionManager(path + ".transactionManager", transactionManager, problems);
		return new Idempotency(StringUtils.hasText(topic.getIdempotencyKey()) ? topic.getIdempotencyKey() : null,
				expression(path + ".idempotencyKeyExpression", topic.getIdempotencyKeyExpression(), keyFormat,
						problems),
				StringUtils.hasText(transactionManager) ? transactionManager : null);
	}

	private void checkDatabase(String path, ConfigurationProblems problems) {
		if (!JDBC_PRESENT || !(this.beanFactory instanceof ListableBeanFactory beans)
				|| beans.getBeanNamesForType(DataSource.class, true, false).length == 0) {
			problems.problem(path + ".idempotent",
					"An idempotent mapping keeps its inbox in the application's "
							+ "DataSource, and there is none (or spring-jdbc is missing).",
					"Add spring-boot-starter-jdbc (or -data-jpa) and a DataSource, or set " + path
							+ ".idempotent to false.");
		}
	}

	private void checkTransactionManager(String path, @Nullable String name, ConfigurationProblems problems) {
		if (!(this.beanFactory instanceof ListableBeanFactory beans)) {
			return;
		}
		if (StringUtils.hasText(name)) {
			if (!beans.containsBean(name) || !beans.isTypeMatch(name, PlatformTransactionManager.class)) {
				problems.problem(path, "No PlatformTransactionManager bean named '" + name + "'.",
						"Define a transaction manager bean named '" + name + "', or fix " + path + ".");
			}
			return;
		}
		int count = beans.getBeanNamesForType(PlatformTransactionManager.class, true, false).length;
		if (count != 1) {
			problems.problem(path,
					"An idempotent mapping needs a transaction manager, and the application has "
							+ ((count == 0) ? "none" : count) + ".",
					(count == 0) ? "Add a transaction manager on the DataSource (Spring Boot's JDBC or JPA starter)."
							: "Name the transaction manager bean of the mapping in " + path + ".");
		}
	}

	private static @Nullable EventKeyExpression expression(String path, @Nullable String expression,
			KeyFormat keyFormat, ConfigurationProblems problems) {
		if (!StringUtils.hasText(expression)) {
			return null;
		}
		try {
			return new EventKeyExpression(expression, keyFormat);
		}
		catch (ParseException ex) {
			problems.problem(path, "The SpEL expression does not parse: " + ex.getSimpleMessage() + ".",
					"Fix the expression in " + path + ", such as value.orderId.");
			return null;
		}
	}

}
