package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that Spring's spellings bind as well as Backstage's: kebab-case keys, Spring
 * duration and size forms, properties files and environment variables.
 *
 * @author kafka-events
 */
class PropertySpellingTests {

	private static final String CONSUMING = "events.modules.kafka.kafka-consuming-event-publisher.dev";

	@Test
	void kebabCaseKeysBindOnTheConsumingSide() {
		KafkaEventsContextRunners.withYaml("kebab-case.yaml").run((context) -> {
			KafkaEventsProperties properties = properties(context);
			assertThat(properties.getKafkaConsumingEventPublisher().get("dev").getClientId()).isEqualTo("kebab-client");
			ConsumerKafka kafka = properties.getKafkaConsumingEventPublisher().get("dev").getTopics().get(0).getKafka();
			assertThat(kafka.getGroupId()).isEqualTo("kebab-group");
			assertThat(kafka.getSessionTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(kafka.getMaxBytesPerPartition()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(kafka.getFromBeginning()).isTrue();
			assertThat(kafka.isAutoCommit()).isFalse();
			assertThat(kafka.isPauseOnError()).isTrue();
			assertThat(kafka.getConcurrency()).isEqualTo(3);
		});
	}

	@Test
	void kebabCaseKeysWithSpringDurationsAndSizesMapToKafkaConsumerProperties() {
		KafkaEventsContextRunners.withYaml("kebab-case.yaml").run((context) -> {
			ConsumingMapping mapping = registry(context).getConsumingMappings().get(0);
			assertThat(mapping.concurrency()).isEqualTo(3);
			assertThat(mapping.consumerProperties()).contains(entry("client.id", "kebab-client"),
					entry("group.id", "kebab-group"), entry("socket.connection.setup.timeout.ms", 1500L),
					entry("request.timeout.ms", 30000), entry("retry.backoff.ms", 200L),
					entry("retry.backoff.max.ms", 20000L), entry("session.timeout.ms", 30000),
					entry("max.poll.interval.ms", 60000), entry("heartbeat.interval.ms", 3000),
					entry("metadata.max.age.ms", 300000L), entry("fetch.max.wait.ms", 500),
					entry("max.partition.fetch.bytes", 1048576), entry("fetch.min.bytes", 1),
					entry("fetch.max.bytes", 10485760), entry("auto.offset.reset", "earliest"));
		});
	}

	@Test
	void kebabCaseKeysWithSpringDurationsMapToKafkaProducerProperties() {
		KafkaEventsContextRunners.withYaml("kebab-case.yaml").run((context) -> {
			PublishingMapping mapping = registry(context).getPublishingMappings().get(0);
			assertThat(mapping.key()).isEqualTo("/entity/id");
			assertThat(mapping.headers())
				.isEqualTo(new HeaderForwarding(true, List.of("trace-id"), List.of("authorization")));
			assertThat(mapping.producerProperties()).contains(entry("metadata.max.age.ms", 300000L),
					entry("transaction.timeout.ms", 30000), entry("enable.idempotence", true),
					entry("max.in.flight.requests.per.connection", 5), entry("retry.backoff.ms", 100L),
					entry("retry.backoff.max.ms", 15000L), entry("retries", 3));
		});
	}

	@Test
	void propertiesFileFormInCamelCaseBindsWithBackstageDurations() {
		String instance = "events.modules.kafka.kafkaConsumingEventPublisher.dev";
		KafkaEventsContextRunners.withYaml()
			.withPropertyValues(instance + ".clientId=props-client", instance + ".brokers=kafka1:9092,kafka2:9092",
					instance + ".ssl=true", instance + ".topics[0].topic=props.events",
					instance + ".topics[0].kafka.topics[0]=props-topic",
					instance + ".topics[0].kafka.groupId=props-group",
					instance + ".topics[0].kafka.sessionTimeout=2 minutes",
					instance + ".topics[0].kafka.heartbeatInterval.seconds=5")
			.run((context) -> assertThat(registry(context).getConsumingMappings().get(0).consumerProperties()).contains(
					entry("bootstrap.servers", "kafka1:9092,kafka2:9092"), entry("security.protocol", "SSL"),
					entry("session.timeout.ms", 120000), entry("heartbeat.interval.ms", 5000)));
	}

	@Test
	void propertiesFileFormInKebabCaseBindsWithSpringDurations() {
		KafkaEventsContextRunners.withYaml()
			.withPropertyValues(CONSUMING + ".client-id=props-client", CONSUMING + ".brokers[0]=kafka1:9092",
					CONSUMING + ".topics[0].topic=props.events", CONSUMING + ".topics[0].kafka.topics=a,b",
					CONSUMING + ".topics[0].kafka.group-id=props-group",
					CONSUMING + ".topics[0].kafka.session-timeout=30000",
					CONSUMING + ".topics[0].kafka.max-wait-time=PT0.25S")
			.run((context) -> {
				ConsumingMapping mapping = registry(context).getConsumingMappings().get(0);
				assertThat(mapping.kafkaTopics()).containsExactly("a", "b");
				assertThat(mapping.consumerProperties()).contains(entry("session.timeout.ms", 30000),
						entry("fetch.max.wait.ms", 250));
			});
	}

	@Test
	void environmentVariablesBindWithSpringDurations() {
		Map<String, Object> variables = Map.of("EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_CLIENTID",
				"env-client", "EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_BROKERS", "kafka1:9092",
				"EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_TOPICS_0_TOPIC", "env.events",
				"EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_TOPICS_0_KAFKA_TOPICS", "env-topic",
				"EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_TOPICS_0_KAFKA_GROUPID", "env-group",
				"EVENTS_MODULES_KAFKA_KAFKACONSUMINGEVENTPUBLISHER_DEV_TOPICS_0_KAFKA_SESSIONTIMEOUT", "40s");
		new ApplicationContextRunner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)))
			.withInitializer((context) -> KafkaEventsContextRunners.postProcess(context, null))
			.withConfiguration(AutoConfigurations.of(KafkaEventsAutoConfiguration.class))
			.run((context) -> assertThat(registry(context).getConsumingMappings().get(0).consumerProperties()).contains(
					entry("client.id", "env-client"), entry("group.id", "env-group"),
					entry("session.timeout.ms", 40000)));
	}

	@Test
	void emptyObjectsBindAsIfAbsent() {
		String instance = "events.modules.kafka.kafkaPublishingEventConsumer.dev";
		KafkaEventsContextRunners.withYaml()
			.withPropertyValues(instance + ".clientId=c", instance + ".brokers=kafka1:9092", instance + ".ssl=",
					instance + ".sasl=", instance + ".retry=", instance + ".properties=",
					instance + ".topics[0].topic=t", instance + ".topics[0].kafka.topic=k",
					instance + ".topics[0].kafka.retry=", instance + ".topics[0].kafka.properties=",
					instance + ".topics[0].headers=")
			.run((context) -> assertThat(KafkaEventsContextRunners.publishingProperties(registry(context)).get("dev"))
				.containsOnlyKeys("bootstrap.servers", "client.id", "key.serializer", "value.serializer", "acks",
						"linger.ms", "batch.size"));
	}

	private static KafkaEventsProperties properties(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaEventsProperties.class);
	}

	private static KafkaInstanceRegistry registry(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaInstanceRegistry.class);
	}

}
