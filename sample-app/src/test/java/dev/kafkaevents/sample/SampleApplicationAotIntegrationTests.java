package dev.kafkaevents.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of {@link SampleApplication} processed ahead of time: the build runs
 * {@code spring-boot:process-aot}, and Failsafe runs these tests with
 * {@code -Dspring.aot.enabled=true}, so the application starts from the generated
 * initializer instead of parsing its configuration classes, and an entity posted over
 * REST goes out to Kafka through the {@code outbound} instance and back into a handler
 * through the {@code inbound} instance.
 *
 * @author kafka-events
 */
@EnabledIfSystemProperty(named = "spring.aot.enabled", matches = "true")
class SampleApplicationAotIntegrationTests {

	private static final String TOPIC = "catalog-entity-events";

	private static final String ENTITY_REF = "component:default/petstore";

	private static final EntityEvent ENTITY = new EntityEvent(ENTITY_REF, "Component", "team-a");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static EmbeddedKafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC)
			.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void applicationStartedFromGeneratedCodeSendsAnEntityThroughKafkaIntoItsHandlers() throws Exception {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run("--sample.embedded-kafka.enabled=false",
				"--sample.kafka.brokers=" + broker.getBrokersAsString(), "--server.port=0")) {
			assertStartedFromGeneratedCode(context);
			assertThat(postEntity(context).statusCode()).isEqualTo(202);
			CatalogEventHandlers handlers = context.getBean(CatalogEventHandlers.class);
			assertThat(handlers.getCreated()).containsExactly(ENTITY);
			await().atMost(TIMEOUT).until(() -> handlers.getReceived().contains(ENTITY));
			assertThat(handlers.getReceived()).containsExactly(ENTITY);
			assertSentWithKeyAndForwardedMetadata();
			assertBackstageBlockWasBound(context.getBean(KafkaInstanceRegistry.class));
			assertTemplateIsInjectableByQualifier(context);
		}
	}

	private static void assertStartedFromGeneratedCode(ConfigurableApplicationContext context) {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		assertThat(ClassUtils.isPresent(SampleApplication.class.getName() + "__ApplicationContextInitializer",
				SampleApplication.class.getClassLoader()))
			.isTrue();
		assertThat(context).isNotInstanceOf(AnnotationConfigRegistry.class);
	}

	private static HttpResponse<String> postEntity(ConfigurableApplicationContext context) throws Exception {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/entities"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"entityRef\":\"" + ENTITY_REF + "\",\"kind\":\"Component\",\"owner\":\"team-a\"}"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void assertSentWithKeyAndForwardedMetadata() {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(broker, "sample-aot-test", false);
		try (Consumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			broker.consumeFromAnEmbeddedTopic(consumer, TOPIC);
			ConsumerRecord<String, String> record = KafkaTestUtils.getSingleRecord(consumer, TOPIC, TIMEOUT);
			assertThat(record.key()).isEqualTo(ENTITY_REF);
			assertThat(record.headers().lastHeader("source").value())
				.isEqualTo("sample-rest".getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void assertBackstageBlockWasBound(KafkaInstanceRegistry registry) {
		ConsumingMapping inbound = registry.getConsumingMappings().get(0);
		assertThat(inbound.instance()).isEqualTo("inbound");
		assertThat(inbound.brokers()).containsExactly(broker.getBrokersAsString());
		assertThat(inbound.kafkaTopics()).containsExactly(TOPIC);
		assertThat(inbound.autoCommit()).isFalse();
		assertThat(inbound.pauseOnError()).isTrue();
		assertThat(inbound.consumerProperties()).containsEntry("client.id", "sample-inbound")
			.containsEntry("group.id", "kafka-events-sample")
			.containsEntry("auto.offset.reset", "earliest");
		PublishingMapping outbound = registry.getPublishingMappings().get(0);
		assertThat(outbound.instance()).isEqualTo("outbound");
		assertThat(outbound.kafkaTopic()).isEqualTo(TOPIC);
		assertThat(outbound.key()).isEqualTo("/entityRef");
	}

	private static void assertTemplateIsInjectableByQualifier(ConfigurableApplicationContext context) {
		KafkaTemplate<?, ?> template = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
				KafkaTemplate.class, "outbound");
		assertThat(template).isSameAs(context.getBean(KafkaPublishingTemplates.class).getTemplate("outbound"));
	}

}
