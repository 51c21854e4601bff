package dev.kafkaevents.autoconfigure.actuate.health;

import dev.kafkaevents.actuate.health.KafkaEventsHealthContributor;
import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsHealthContributorAutoConfiguration}.
 *
 * @author kafka-events
 */
class KafkaEventsHealthContributorAutoConfigurationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsHealthContributorAutoConfiguration.class))
		.withPropertyValues(PUBLISHING + "clientId=health", PUBLISHING + "brokers=localhost:1",
				PUBLISHING + "topics[0].topic=catalog", PUBLISHING + "topics[0].kafka.topic=catalog-events");

	@Test
	void contributesOneIndicatorPerInstance() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaEventsHealthContributor.class);
			assertThat(context.getBean(KafkaEventsHealthContributor.class).getContributor("dev")).isNotNull();
		});
	}

	@Test
	void isSwitchedOffByManagementHealthKafkaEventsEnabled() {
		this.contextRunner.withPropertyValues("management.health.kafkaevents.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaEventsHealthContributor.class));
	}

}
