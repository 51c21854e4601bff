package dev.kafkaevents.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * {@code spring-boot:process-aot} with the {@code kafka} profile, and Failsafe runs these
 * tests with {@code -Dspring.aot.enabled=true}, so the application starts from the
 * generated initializer instead of parsing its configuration classes.
 *
 * @author kafka-events
 */
@EnabledIfSystemProperty(named = "spring.aot.enabled", matches = "true")
class SampleApplicationAotIntegrationTests {

	private static final String CREATED_TOPIC = "catalog-entity-created";

	private static final String AUDIT_TOPIC = "catalog-entity-audit";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static EmbeddedKafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, CREATED_TOPIC, AUDIT_TOPIC);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void applicationStartedFromGeneratedCodeRunsHandlersAndBothBridges() {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run("--spring.profiles.active=kafka",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0")) {
			assertStartedFromGeneratedCode(context);
			sendCreated("{\"entityRef\":\"component:default/payments\",\"kind\":\"Component\",\"owner\":\"team-b\"}");
			CatalogEventHandlers handlers = context.getBean(CatalogEventHandlers.class);
			await().atMost(TIMEOUT).until(() -> handlers.getCreated().size() == 2);
			assertThat(handlers.getCreated()).containsExactlyInAnyOrder(
					new EntityEvent("component:default/petstore", "Component", "team-a"),
					new EntityEvent("component:default/payments", "Component", "team-b"));
			assertThat(auditRecords(2)).extracting(ConsumerRecord::value)
				.containsExactlyInAnyOrder(
						"{\"entityRef\":\"component:default/petstore\",\"kind\":\"Component\",\"owner\":\"team-a\"}",
						"{\"entityRef\":\"component:default/payments\",\"kind\":\"Component\",\"owner\":\"team-b\"}");
			assertBackstageFormsWereBound(context);
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

	private static void assertBackstageFormsWereBound(ConfigurableApplicationContext context) {
		KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
		assertThat(registry.getConsumingMappings().get(0).consumerProperties())
			.containsEntry("session.timeout.ms", 30000)
			.containsEntry("bootstrap.servers", broker.getBrokersAsString());
	}

	private static void assertTemplateIsInjectableByQualifier(ConfigurableApplicationContext context) {
		KafkaTemplate<?, ?> template = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
				KafkaTemplate.class, "audit");
		assertThat(template).isSameAs(context.getBean(KafkaPublishingTemplates.class).getTemplate("audit"));
	}

	private static void sendCreated(String json) {
		Map<String, Object> properties = KafkaTestUtils.producerProps(broker);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(CREATED_TOPIC, json)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<ConsumerRecord<String, String>> auditRecords(int count) {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(broker, "sample-aot-test", false);
		try (Consumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			broker.consumeFromAnEmbeddedTopic(consumer, AUDIT_TOPIC);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			KafkaTestUtils.getRecords(consumer, TIMEOUT, count).records(AUDIT_TOPIC).forEach(records::add);
			return records;
		}
	}

}
