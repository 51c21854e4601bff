package dev.kafkaevents.autoconfigure.outbox;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.kafkaevents.actuate.health.KafkaEventsOutboxHealthIndicator;
import dev.kafkaevents.actuate.metrics.KafkaEventsOutboxMetrics;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.outbox.CompositeOutboxObserver;
import dev.kafkaevents.kafka.outbox.OutboxDispatcher;
import dev.kafkaevents.kafka.outbox.OutboxObserver;
import dev.kafkaevents.kafka.outbox.OutboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxRetry;
import dev.kafkaevents.kafka.outbox.OutboxSettings;
import dev.kafkaevents.kafka.outbox.OutboxTables;
import dev.kafkaevents.kafka.outbox.OutboxWriter;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the transactional outbox, when at least one publishing mapping
 * sets {@code outbox: true}: the schema initializer, the writer the outbox-backed bridges
 * write to, and the dispatcher that sends the rows, all on the application's
 * {@link DataSource}.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = { KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class },
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBean({ DataSource.class, KafkaInstanceRegistry.class })
@Conditional(OnOutboxMappingCondition.class)
@EnableConfigurationProperties(KafkaEventsOutboxProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class KafkaEventsOutboxAutoConfiguration {

	KafkaEventsOutboxAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxSchemaInitializer kafkaEventsOutboxSchemaInitializer(DataSource dataSource,
			KafkaEventsOutboxProperties properties) {
		return new OutboxSchemaInitializer(dataSource, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxTables kafkaEventsOutboxTables(KafkaEventsOutboxProperties properties) {
		return new OutboxTables(properties.getTablePrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	OutboxRepository kafkaEventsOutboxRepository(DataSource dataSource, OutboxTables tables) {
		return new OutboxRepository(new JdbcTemplate(dataSource), tables);
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	OutboxDispatcher kafkaEventsOutboxDispatcher(OutboxRepository repository, DataSource dataSource,
			OutboxTables tables, KafkaEventsOutboxProperties properties, KafkaInstanceRegistry registry,
			ObjectProvider<KafkaPublishingTemplates> templates, ObjectProvider<OutboxObserver> observers) {
		return new OutboxDispatcher(repository, templates(registry, templates), new JdbcTemplate(dataSource), tables,
				settings(properties), retry(properties.getRetry()), observer(observers), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	OutboxWriter kafkaEventsOutboxWriter(OutboxRepository repository, OutboxDispatcher dispatcher,
			KafkaEventsOutboxProperties properties, ObjectProvider<OutboxObserver> observers) {
		return new OutboxWriter(repository, properties.getLanes(), dispatcher::wakeUp, observer(observers),
				Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("kafkaEventsOutbox")
	static class OutboxHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaEventsOutboxHealthIndicator")
		KafkaEventsOutboxHealthIndicator kafkaEventsOutboxHealthIndicator(OutboxRepository repository,
				KafkaEventsOutboxProperties properties) {
			KafkaEventsOutboxProperties.Health health = properties.getHealth();
			return new KafkaEventsOutboxHealthIndicator(repository, health.getPendingAgeThreshold(),
					new Status(health.getStatus()), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class OutboxMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaEventsOutboxMetrics kafkaEventsOutboxMetrics(MeterRegistry meterRegistry, KafkaInstanceRegistry registry) {
			return new KafkaEventsOutboxMetrics(meterRegistry, registry.getPublishingMappings());
		}

	}

	private static Function<String, @Nullable KafkaTemplate<byte[], byte[]>> templates(KafkaInstanceRegistry registry,
			ObjectProvider<KafkaPublishingTemplates> templates) {
		Map<String, PublishingMapping> mappings = registry.getPublishingMappings()
			.stream()
			.filter(PublishingMapping::outbox)
			.collect(Collectors.toMap(PublishingMapping::id, Function.identity()));
		return (mappingId) -> {
			PublishingMapping mapping = mappings.get(mappingId);
			return (mapping != null) ? templates.getObject().getTemplate(mapping) : null;
		};
	}

	private static OutboxObserver observer(ObjectProvider<OutboxObserver> observers) {
		return new CompositeOutboxObserver(observers.orderedStream().toList());
	}

	private static OutboxSettings settings(KafkaEventsOutboxProperties properties) {
		String instanceId = properties.getInstanceId();
		return new OutboxSettings(properties.getLanes(), properties.getBatchSize(), properties.getPollInterval(),
				properties.getLeaseDuration(), properties.getSendTimeout(),
				(instanceId != null) ? instanceId : UUID.randomUUID().toString(), properties.getSentRetention(),
				properties.getCleanupInterval());
	}

	private static OutboxRetry retry(KafkaEventsOutboxProperties.Retry retry) {
		return new OutboxRetry(retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval(),
				retry.getMaxAttempts(), retry.getMaxAge());
	}

}
