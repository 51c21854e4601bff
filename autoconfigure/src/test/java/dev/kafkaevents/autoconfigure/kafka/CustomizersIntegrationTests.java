package dev.kafkaevents.autoconfigure.kafka;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.consumer.KafkaConsumerFactoryCustomizer;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeCustomizer;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplateCustomizer;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.ProducerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three public customizers, each a bean of the application, take effect on the
 * bridges against the in-JVM broker: {@link KafkaConsumerFactoryCustomizer},
 * {@link KafkaConsumingBridgeCustomizer} and {@link KafkaPublishingTemplateCustomizer}.
 *
 * @author kafka-events
 */
class CustomizersIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.in.";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.out.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class))
		.withUserConfiguration(CustomizersConfiguration.class);

	@Test
	void aConsumerFactoryCustomizerSeesEveryConsumerOfItsMapping() {
		String topic = TestKafka.createTopic("customized-factory", 1);
		this.contextRunner.withPropertyValues(consuming(topic)).run((context) -> {
			Recorded recorded = context.getBean(Recorded.class);
			await().atMost(TestKafka.timeout()).until(() -> !recorded.consumersAdded.isEmpty());
			assertThat(recorded.consumersAdded).allSatisfy((added) -> assertThat(added).startsWith("in.customized "));
		});
	}

	@Test
	void aConsumingBridgeCustomizerIsAppliedToTheBridgeThatRuns() {
		String topic = TestKafka.createTopic("customized-bridge", 1);
		this.contextRunner.withPropertyValues(consuming(topic)).run((context) -> {
			Recorded recorded = context.getBean(Recorded.class);
			assertThat(recorded.bridgesCustomized).containsExactly("in.customized");
			await().atMost(TestKafka.timeout())
				.until(() -> recorded.assignedPartitions.contains(new TopicPartition(topic, 0)));
		});
	}

	@Test
	void aPublishingTemplateCustomizerSeesTheRecordsTheBridgeSends() {
		String topic = TestKafka.createTopic("customized-template", 1);
		this.contextRunner.withPropertyValues(publishing(topic)).run((context) -> {
			context.getBean(EventsService.class)
				.publish(EventParams.of("customized.out", "hello"))
				.get(30, TimeUnit.SECONDS);
			Recorded recorded = context.getBean(Recorded.class);
			assertThat(recorded.templatesCustomized).containsExactly("out");
			await().atMost(TestKafka.timeout()).until(() -> !recorded.recordsSent.isEmpty());
			assertThat(recorded.recordsSent).containsExactly(topic + " hello");
		});
	}

	private static String[] consuming(String topic) {
		return new String[] { CONSUMING + "clientId=customized-in", CONSUMING + "brokers[0]=" + TestKafka.brokers(),
				CONSUMING + "topics[0].topic=customized", CONSUMING + "topics[0].kafka.topics[0]=" + topic,
				CONSUMING + "topics[0].kafka.groupId=" + TestKafka.uniqueGroup("customized") };
	}

	private static String[] publishing(String topic) {
		return new String[] { PUBLISHING + "clientId=customized-out", PUBLISHING + "brokers[0]=" + TestKafka.brokers(),
				PUBLISHING + "topics[0].topic=customized.out", PUBLISHING + "topics[0].kafka.topic=" + topic };
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		@Bean
		Recorded recorded() {
			return new Recorded();
		}

		@Bean
		KafkaConsumerFactoryCustomizer addConsumerListener(Recorded recorded) {
			return (mapping, consumerFactory) -> consumerFactory.addListener(new ConsumerFactory.Listener<>() {

				@Override
				public void consumerAdded(String id, Consumer<byte[], byte[]> consumer) {
					recorded.consumersAdded.add(mapping.id() + " " + id);
				}

			});
		}

		@Bean
		KafkaConsumingBridgeCustomizer listenToAssignments(Recorded recorded) {
			return (bridge) -> {
				recorded.bridgesCustomized.add(bridge.getMapping().id());
				bridge.addAssignmentListener(recorded.assignedPartitions::addAll);
			};
		}

		@Bean
		KafkaPublishingTemplateCustomizer recordSentRecords(Recorded recorded) {
			return (instance, template) -> {
				recorded.templatesCustomized.add(instance);
				template.setProducerListener(new ProducerListener<>() {

					@Override
					public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
						recorded.recordsSent.add(record.topic() + " " + new String(record.value()));
					}

				});
			};
		}

	}

	static class Recorded {

		final Queue<String> consumersAdded = new ConcurrentLinkedQueue<>();

		final Queue<String> bridgesCustomized = new ConcurrentLinkedQueue<>();

		final Queue<TopicPartition> assignedPartitions = new ConcurrentLinkedQueue<>();

		final Queue<String> templatesCustomized = new ConcurrentLinkedQueue<>();

		final Queue<String> recordsSent = new ConcurrentLinkedQueue<>();

	}

}
