package dev.kafkaevents.sample;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link CatalogEventHandlers} against a broker of the test's own,
 * as {@code docs/testing.md} shows: {@code @EmbeddedKafka} sets
 * {@code sample.kafka.brokers}, which the instances list as their {@code brokers}, and
 * the sample's embedded broker is not started.
 *
 * @author kafka-events
 */
@SpringBootTest(properties = "sample.embedded-kafka.enabled=false")
@EmbeddedKafka(topics = "catalog-entity-events", bootstrapServersProperty = "sample.kafka.brokers")
class CatalogEventHandlersIntegrationTests {

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private CatalogEventHandlers handlers;

	@Test
	void recordOnTheKafkaTopicReachesTheTypedHandler() throws Exception {
		Map<String, Object> properties = KafkaTestUtils.producerProps(this.broker);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StringSerializer())) {
			producer
				.send(new ProducerRecord<>("catalog-entity-events",
						"{\"entityRef\":\"component:default/payments\",\"kind\":\"Component\",\"owner\":\"team-b\"}"))
				.get();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.handlers.getReceived()
				.contains(new EntityEvent("component:default/payments", "Component", "team-b")));
	}

}
