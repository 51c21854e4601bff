package dev.kafkaevents.autoconfigure.inbox;

import javax.sql.DataSource;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.jdbc.PrefixedSchemaInitializer;
import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.inbox.InboxMaintenance;
import dev.kafkaevents.kafka.inbox.InboxRepository;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsInboxAutoConfiguration}.
 *
 * @author kafka-events
 */
class KafkaEventsInboxAutoConfigurationTests {

	private static final String MAPPING = "events.modules.kafka.kafkaConsumingEventPublisher.payments.topics[0].";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsInboxAutoConfiguration.class))
		.withPropertyValues("events.modules.kafka.kafkaConsumingEventPublisher.payments.clientId=payments",
				"events.modules.kafka.kafkaConsumingEventPublisher.payments.brokers[0]=localhost:9092",
				MAPPING + "topic=payments", MAPPING + "kafka.topics[0]=payments", MAPPING + "kafka.groupId=payments");

	private final ApplicationContextRunner withDataSource = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:inbox-autoconfiguration;DB_CLOSE_DELAY=-1");

	@Test
	void runWithoutIdempotentMappingShouldNotCreateTheInbox() {
		this.withDataSource.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(InboxRepository.class);
			assertThat(context).doesNotHaveBean(PrefixedSchemaInitializer.class);
		});
	}

	@Test
	void runWithAnIdempotentMappingShouldCreateThePrefixedTableAndGiveTheBridgeItsInbox() {
		this.withDataSource
			.withPropertyValues(MAPPING + "idempotent=true", "events.modules.kafka.inbox.table-prefix=custom_")
			.run((context) -> {
				assertThat(context).hasSingleBean(InboxRepository.class);
				assertThat(context).hasSingleBean(InboxMaintenance.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM custom_inbox", Integer.class)).isZero();
				assertThat(context.getBean(KafkaConsumingBridges.class)
					.getBridges()
					.get(0)
					.getContainer()
					.getContainerProperties()
					.getMessageListener()
					.getClass()
					.getSimpleName()).isEqualTo("IdempotentBatchListener");
			});
	}

	@Test
	void runWithAnIdempotentMappingButNoDataSourceShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues(MAPPING + "idempotent=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
				.hasMessageContaining("kafkaConsumingEventPublisher.payments.topics[0].idempotent");
		});
	}

	@Test
	void runWithAnUnknownTransactionManagerShouldFailNamingTheProperty() {
		this.withDataSource.withPropertyValues(MAPPING + "idempotent=true", MAPPING + "transactionManager=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
					.hasMessageContaining("kafkaConsumingEventPublisher.payments.topics[0].transactionManager")
					.hasMessageContaining("'missing'");
			});
	}

	@Test
	void runWithSeveralTransactionManagersShouldNeedTheNameOfOne() {
		ApplicationContextRunner twoManagers = this.withDataSource
			.withBean("first", DataSourceTransactionManager.class,
					() -> new DataSourceTransactionManager(new SimpleDriverDataSource()))
			.withBean("second", DataSourceTransactionManager.class,
					() -> new DataSourceTransactionManager(new SimpleDriverDataSource()))
			.withPropertyValues(MAPPING + "idempotent=true");
		twoManagers.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("kafkaConsumingEventPublisher.payments.topics[0].transactionManager");
		});
		twoManagers.withPropertyValues(MAPPING + "transactionManager=second")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void runWithRetryTopicsOrABadKeyExpressionShouldFailNamingTheProperties() {
		this.withDataSource
			.withPropertyValues(MAPPING + "idempotent=true", MAPPING + "retry.mode=topics",
					MAPPING + "retry.attempts=3", MAPPING + "deadLetterTopic=true",
					MAPPING + "idempotencyKeyExpression=value.(")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("kafkaConsumingEventPublisher.payments.topics[0].retry.mode")
					.hasMessageContaining("kafkaConsumingEventPublisher.payments.topics[0].idempotencyKeyExpression");
			});
	}

}
