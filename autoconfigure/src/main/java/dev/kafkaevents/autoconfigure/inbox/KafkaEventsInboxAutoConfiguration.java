package dev.kafkaevents.autoconfigure.inbox;

import java.time.Clock;

import javax.sql.DataSource;

import dev.kafkaevents.actuate.metrics.KafkaEventsInboxMetrics;
import dev.kafkaevents.autoconfigure.jdbc.PrefixedSchemaInitializer;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.kafka.Idempotency;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeCustomizer;
import dev.kafkaevents.kafka.inbox.InboxMaintenance;
import dev.kafkaevents.kafka.inbox.InboxRepository;
import dev.kafkaevents.kafka.inbox.InboxTables;
import dev.kafkaevents.kafka.inbox.RecordInbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the inbox, when at least one consuming mapping sets
 * {@code idempotent: true}: the schema initializer, the rows on the application's
 * {@link DataSource}, the inbox of each idempotent bridge in its transaction manager, and
 * the deletion of rows past their retention.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = KafkaEventsAutoConfiguration.class, afterName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBean(DataSource.class)
@Conditional(OnIdempotentMappingCondition.class)
@EnableConfigurationProperties(KafkaEventsInboxProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class KafkaEventsInboxAutoConfiguration {

	KafkaEventsInboxAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "kafkaEventsInboxSchemaInitializer")
	PrefixedSchemaInitializer kafkaEventsInboxSchemaInitializer(DataSource dataSource,
			KafkaEventsInboxProperties properties) {
		return new PrefixedSchemaInitializer(dataSource, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	InboxRepository kafkaEventsInboxRepository(DataSource dataSource, KafkaEventsInboxProperties properties) {
		return new InboxRepository(new JdbcTemplate(dataSource), new InboxTables(properties.getTablePrefix()));
	}

	@Bean
	@ConditionalOnMissingBean
	InboxMaintenance kafkaEventsInboxMaintenance(InboxRepository repository, KafkaEventsInboxProperties properties) {
		return new InboxMaintenance(repository, properties.getRetention(), properties.getCleanupInterval(),
				Clock.systemUTC());
	}

	@Bean
	KafkaConsumingBridgeCustomizer kafkaEventsInboxBridgeCustomizer(InboxRepository repository,
			BeanFactory beanFactory) {
		return (bridge) -> {
			Idempotency idempotency = bridge.getMapping().idempotency();
			if (idempotency != null) {
				String name = idempotency.transactionManager();
				PlatformTransactionManager transactionManager = (name != null)
						? beanFactory.getBean(name, PlatformTransactionManager.class)
						: beanFactory.getBean(PlatformTransactionManager.class);
				bridge.setInbox(new RecordInbox(repository, transactionManager, Clock.systemUTC()));
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean({ MeterRegistry.class, KafkaInstanceRegistry.class })
	static class InboxMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaEventsInboxMetrics kafkaEventsInboxMetrics(MeterRegistry meterRegistry, KafkaInstanceRegistry registry,
				InboxMaintenance maintenance) {
			return new KafkaEventsInboxMetrics(meterRegistry, registry.getConsumingMappings(), maintenance::sizes);
		}

	}

}
