package dev.kafkaevents.autoconfigure.outbox;

import javax.sql.DataSource;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.outbox.OutboxDispatcher;
import dev.kafkaevents.kafka.outbox.OutboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxWriter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsOutboxAutoConfiguration}.
 *
 * @author kafka-events
 */
class KafkaEventsOutboxAutoConfigurationTests {

	private static final String INSTANCE = "events.modules.kafka.kafkaPublishingEventConsumer.orders.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
				KafkaEventsOutboxAutoConfiguration.class))
		.withPropertyValues(INSTANCE + "clientId=orders", INSTANCE + "brokers[0]=localhost:9092",
				INSTANCE + "topics[0].topic=orders", INSTANCE + "topics[0].kafka.topic=orders");

	private final ApplicationContextRunner withDataSource = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:outbox-autoconfiguration;DB_CLOSE_DELAY=-1");

	@Test
	void runWithoutOutboxMappingShouldNotCreateTheOutbox() {
		this.withDataSource.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(OutboxWriter.class);
			assertThat(context).doesNotHaveBean(OutboxDispatcher.class);
			assertThat(context).doesNotHaveBean(OutboxSchemaInitializer.class);
		});
	}

	@Test
	void runWithAnOutboxMappingShouldCreateThePrefixedTablesAndWriteThroughTheOutbox() {
		this.withDataSource
			.withPropertyValues(INSTANCE + "topics[0].outbox=true", INSTANCE + "properties[max.block.ms]=100",
					"events.modules.kafka.outbox.table-prefix=custom_")
			.run((context) -> {
				assertThat(context).hasSingleBean(OutboxWriter.class);
				assertThat(context).hasSingleBean(OutboxDispatcher.class);
				assertThat(context).hasSingleBean(OutboxRepository.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM custom_outbox", Integer.class)).isZero();
				assertThat(jdbc.queryForObject(
						"SELECT COUNT(*) FROM custom_outbox_lease WHERE lease_name LIKE 'lane:%'", Integer.class))
					.isEqualTo(16);
				context.getBean(EventsService.class).publish(EventParams.of("orders", "{}")).join();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM custom_outbox WHERE mapping_id = 'orders.orders'",
						Integer.class))
					.isOne();
			});
	}

	@Test
	void runWithTheInstanceDefaultShouldCreateTheOutboxUnlessTheMappingOptsOut() {
		this.withDataSource.withPropertyValues(INSTANCE + "outbox=true")
			.run((context) -> assertThat(context).hasSingleBean(OutboxWriter.class));
		this.withDataSource.withPropertyValues(INSTANCE + "outbox=true", INSTANCE + "topics[0].outbox=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OutboxWriter.class));
	}

	@Test
	void runWithAnOutboxMappingButNoDataSourceShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues(INSTANCE + "topics[0].outbox=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
				.hasMessageContaining("events.modules.kafka.kafkaPublishingEventConsumer.orders.topics[].outbox");
		});
	}

}
