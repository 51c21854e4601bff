package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests that run both bridges against a Kafka container through Spring Boot's
 * {@code @ServiceConnection}: the instances set no brokers. Skipped where Docker is not
 * available, which is the case on the development and CI machines of this project; the
 * same wiring runs against the in-JVM broker in
 * {@link KafkaConnectionDetailsIntegrationTests}.
 *
 * @author kafka-events
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "events.modules.kafka.kafkaConsumingEventPublisher.local.clientId=container-consumer",
		"events.modules.kafka.kafkaConsumingEventPublisher.local.topics[0].topic=catalog",
		"events.modules.kafka.kafkaConsumingEventPublisher.local.topics[0].kafka.topics=catalog-in",
		"events.modules.kafka.kafkaConsumingEventPublisher.local.topics[0].kafka.groupId=container",
		"events.modules.kafka.kafkaConsumingEventPublisher.local.topics[0].kafka.fromBeginning=true",
		"events.modules.kafka.kafkaPublishingEventConsumer.local.clientId=container-producer",
		"events.modules.kafka.kafkaPublishingEventConsumer.local.topics[0].topic=catalog",
		"events.modules.kafka.kafkaPublishingEventConsumer.local.topics[0].kafka.topic=catalog-out" })
class KafkaContainerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");

	@Autowired
	private EventsService eventsService;

	@Autowired
	private CatalogEventsRecorder handler;

	@BeforeAll
	static void createTopics() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
			admin
				.createTopics(
						List.of(new NewTopic("catalog-in", 1, (short) 1), new NewTopic("catalog-out", 1, (short) 1)))
				.all()
				.get();
		}
	}

	@Test
	void recordsBecomeEventsAndEventsBecomeRecords() throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>("catalog-in", "{\"entityRef\":\"component:default/petstore\"}")).get();
		}
		await().atMost(TIMEOUT).until(() -> this.handler.payloads.size() == 1);
		assertThat(this.handler.payloads.peek()).containsEntry("entityRef", "component:default/petstore");
		this.eventsService.publish(EventParams.of("catalog", Map.of("entityRef", "component:default/payments"))).get();
		assertThat(records("catalog-out", 2)).containsExactly("{\"entityRef\":\"component:default/petstore\"}",
				"{\"entityRef\":\"component:default/payments\"}");
	}

	private static List<String> records(String topic, int count) {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "container-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> values = new ArrayList<>();
			await().atMost(TIMEOUT).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach((record) -> values.add(record.value()));
				return values.size() >= count;
			});
			return values;
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		CatalogEventsRecorder catalogEventsRecorder() {
			return new CatalogEventsRecorder();
		}

	}

}
