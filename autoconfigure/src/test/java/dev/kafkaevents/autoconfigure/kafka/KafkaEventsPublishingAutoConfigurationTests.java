package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.producer.KafkaEvents;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridge;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaEventsPublishingAutoConfiguration}.
 *
 * @author kafka-events
 */
class KafkaEventsPublishingAutoConfigurationTests {

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.";

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class));

	private final ApplicationContextRunner bootRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=boot-broker:9092", "spring.kafka.producer.acks=1",
				"spring.kafka.producer.client-id=boot-app", "spring.kafka.template.default-topic=boot-topic");

	@Test
	void withoutPublishingInstancesNoTemplateIsRegistered() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(KafkaTemplate.class)).isEmpty();
			assertThat(context).hasSingleBean(KafkaPublishingBridges.class);
			assertThat(context.getBean(KafkaPublishingBridges.class).getBridges()).isEmpty();
		});
	}

	@Test
	void eachPublishingInstanceRegistersATemplateWithItsQualifierThatIsNotADefaultCandidate() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "dev-catalog"))
			.withPropertyValues(instance("prod", "b:9092"))
			.withPropertyValues(mapping("prod", 0, "catalog", "prod-catalog"))
			.run((context) -> {
				assertThat(context.getBeansOfType(KafkaTemplate.class)).containsOnlyKeys("kafkaEventsTemplate.dev",
						"kafkaEventsTemplate.prod");
				for (String instance : new String[] { "dev", "prod" }) {
					BeanDefinition definition = context.getBeanFactory()
						.getBeanDefinition("kafkaEventsTemplate." + instance);
					AutowireCandidateQualifier qualifier = ((AbstractBeanDefinition) definition)
						.getQualifier(Qualifier.class.getName());
					assertThat(qualifier).isNotNull();
					assertThat(qualifier.getAttribute("value")).isEqualTo(instance);
					assertThat(((AbstractBeanDefinition) definition).isDefaultCandidate()).isFalse();
					assertThat(context.getBean("kafkaEventsTemplate." + instance))
						.isSameAs(context.getBean(KafkaPublishingTemplates.class).getTemplate(instance));
				}
			});
	}

	@Test
	void templatesAreNeverInjectedWithoutQualifier() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "dev-catalog"))
			.withUserConfiguration(UnqualifiedProviderConfiguration.class)
			.run((context) -> assertThat(context.getBean(UnqualifiedProvider.class).templates().getIfAvailable())
				.isNull());
	}

	@Test
	void templateOfAnInstanceIsInjectedByItsQualifier() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "dev-catalog"))
			.withPropertyValues(instance("prod", "b:9092"))
			.withPropertyValues(mapping("prod", 0, "catalog", "prod-catalog"))
			.withUserConfiguration(QualifiedInjectionConfiguration.class)
			.run((context) -> {
				QualifiedInjection injection = context.getBean(QualifiedInjection.class);
				KafkaPublishingTemplates templates = context.getBean(KafkaPublishingTemplates.class);
				assertThat(injection.dev).isSameAs(templates.getTemplate("dev"));
				assertThat(injection.prod).isSameAs(templates.getTemplate("prod"));
				assertThat(injection.dev.getProducerFactory().getConfigurationProperties())
					.containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "a:9092");
			});
	}

	@Test
	void springBootsKafkaTemplateAndProducerFactoryStayExactlyAsWithoutKafkaEvents() {
		this.bootRunner.run((boot) -> {
			Map<String, Object> bootProducerConfig = producerFactory(boot).getConfigurationProperties();
			this.contextRunner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
				.withPropertyValues("spring.kafka.bootstrap-servers=boot-broker:9092", "spring.kafka.producer.acks=1",
						"spring.kafka.producer.client-id=boot-app", "spring.kafka.template.default-topic=boot-topic")
				.withPropertyValues(instance("dev", "a:9092"))
				.withPropertyValues(mapping("dev", 0, "catalog", "dev-catalog"))
				.withUserConfiguration(UnqualifiedInjectionConfiguration.class)
				.run((context) -> {
					KafkaTemplate<?, ?> bootTemplate = context.getBean("kafkaTemplate", KafkaTemplate.class);
					assertThat(bootTemplate.getClass()).isEqualTo(boot.getBean("kafkaTemplate").getClass());
					assertThat(bootTemplate.getDefaultTopic()).isEqualTo("boot-topic");
					assertThat(bootTemplate.getProducerFactory()).isSameAs(context.getBean("kafkaProducerFactory"));
					assertThat(producerFactory(context).getConfigurationProperties()).isEqualTo(bootProducerConfig);
					assertThat(context.getBean(KafkaTemplate.class)).isSameAs(bootTemplate);
					assertThat(context.getBean(ProducerFactory.class)).isSameAs(bootTemplate.getProducerFactory());
					assertThat(context.getBeanProvider(KafkaTemplate.class).getIfUnique()).isSameAs(bootTemplate);
					UnqualifiedInjection injection = context.getBean(UnqualifiedInjection.class);
					assertThat(injection.anyTemplate).isSameAs(bootTemplate);
					assertThat(injection.stringTemplate).isSameAs(bootTemplate);
					assertThat(injection.devTemplate)
						.isSameAs(context.getBean(KafkaPublishingTemplates.class).getTemplate("dev"));
					assertThat(context.getBeansOfType(KafkaTemplate.class)).containsOnlyKeys("kafkaTemplate",
							"kafkaEventsTemplate.dev");
				});
		});
	}

	@Test
	void mappingWithOwnProducerSettingsGetsItsOwnTemplate() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "plain", "plain-out"))
			.withPropertyValues(mapping("dev", 1, "tuned", "tuned-out"))
			.withPropertyValues(PUBLISHING + "dev.topics[1].kafka.idempotent=true")
			.withPropertyValues(mapping("dev", 2, "raw", "raw-out"))
			.withPropertyValues(PUBLISHING + "dev.topics[2].kafka.properties[compression.type]=zstd")
			.run((context) -> {
				KafkaPublishingTemplates templates = context.getBean(KafkaPublishingTemplates.class);
				KafkaTemplate<byte[], byte[]> instanceTemplate = templates.getTemplate("dev");
				assertThat(bridge(context, "dev.plain").getTemplate()).isSameAs(instanceTemplate);
				KafkaTemplate<byte[], byte[]> tuned = bridge(context, "dev.tuned").getTemplate();
				assertThat(tuned).isNotSameAs(instanceTemplate);
				assertThat(tuned.getProducerFactory().getConfigurationProperties())
					.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
					.containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "test-dev-dev.tuned");
				KafkaTemplate<byte[], byte[]> raw = bridge(context, "dev.raw").getTemplate();
				assertThat(raw).isNotSameAs(instanceTemplate).isNotSameAs(tuned);
				assertThat(raw.getProducerFactory().getConfigurationProperties())
					.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
				assertThat(instanceTemplate.getProducerFactory().getConfigurationProperties())
					.containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "test-dev")
					.doesNotContainKey(ProducerConfig.COMPRESSION_TYPE_CONFIG);
			});
	}

	@Test
	void lingerDefaultsToZeroUnlessConfigured() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "default", "default-out"))
			.withPropertyValues(mapping("dev", 1, "batched", "batched-out"))
			.withPropertyValues(PUBLISHING + "dev.topics[1].kafka.properties[linger.ms]=20")
			.withPropertyValues(instance("other", "b:9092"))
			.withPropertyValues(PUBLISHING + "other.properties[linger.ms]=10")
			.withPropertyValues(mapping("other", 0, "other", "other-out"))
			.run((context) -> {
				KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
				assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("dev"))
					.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
				assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("other"))
					.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "10");
				assertThat(mapping(registry, "dev.default").producerProperties())
					.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
				assertThat(mapping(registry, "dev.batched").producerProperties())
					.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
			});
	}

	@Test
	void batchSizeDefaultsTo128KibUnlessConfigured() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "default", "default-out"))
			.withPropertyValues(mapping("dev", 1, "small", "small-out"))
			.withPropertyValues(PUBLISHING + "dev.topics[1].kafka.properties[batch.size]=16384")
			.run((context) -> {
				KafkaInstanceRegistry registry = context.getBean(KafkaInstanceRegistry.class);
				assertThat(KafkaEventsContextRunners.publishingProperties(registry).get("dev"))
					.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
				assertThat(mapping(registry, "dev.default").producerProperties())
					.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
				assertThat(mapping(registry, "dev.small").producerProperties())
					.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
			});
	}

	@Test
	void bridgesSubscribeWithBackstageIdsAndTwoInstancesMayMapTheSameEventsTopic() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "dev-catalog"))
			.withPropertyValues(instance("prod", "b:9092"))
			.withPropertyValues(mapping("prod", 0, "catalog", "prod-catalog"))
			.run((context) -> {
				KafkaPublishingBridges bridges = context.getBean(KafkaPublishingBridges.class);
				assertThat(bridges.getBridges()).extracting(KafkaPublishingBridge::getSubscriberId)
					.containsExactly("kafka:publisher:catalog", "kafka:publisher:catalog");
				assertThat(bridges.getBridges()).extracting((bridge) -> bridge.getMapping().id())
					.containsExactly("dev.catalog", "prod.catalog");
				assertThat(bridges.getBridges()).allMatch(KafkaPublishingBridge::isRunning);
				assertThat(bridges.getPhase()).isLessThan(Integer.MAX_VALUE - 2048);
			});
	}

	@Test
	void kafkaEventsIsCreatedWithTheEventsServiceEvenWithoutPublishingInstances() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(KafkaEvents.class));
	}

	@Test
	void kafkaEventsOfTheApplicationMakesOursBackOff() {
		this.contextRunner.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "catalog-out"))
			.withBean("customKafkaEvents", KafkaEvents.class,
					() -> new KafkaEvents(new InMemoryEventsService(),
							new KafkaPublishingBridges(List.of(),
									new KafkaPublishingTemplates(new KafkaInstanceRegistry(List.of())))))
			.run((context) -> {
				assertThat(context).hasSingleBean(KafkaEvents.class);
				assertThat(context).hasBean("customKafkaEvents");
			});
	}

	@Test
	void withoutAnEventsServiceOnlyTheTemplatesAreCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaEventsAutoConfiguration.class,
					KafkaEventsPublishingAutoConfiguration.class))
			.withPropertyValues(instance("dev", "a:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "catalog-out"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(KafkaPublishingBridges.class);
				assertThat(context).doesNotHaveBean(KafkaEvents.class);
				assertThat(context).hasBean("kafkaEventsTemplate.dev");
			});
	}

	@Test
	void publishingIntoTheKafkaTopicConsumedIntoTheSameEventsTopicOnTheSameClusterIsRefused() {
		this.contextRunner.withPropertyValues(instance("dev", "b:9092", "A:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "catalog-topic"))
			.withPropertyValues(CONSUMING + "in.clientId=in", CONSUMING + "in.brokers[0]=a:9092",
					CONSUMING + "in.brokers[1]=b:9092", CONSUMING + "in.topics[0].topic=catalog",
					CONSUMING + "in.topics[0].kafka.topics[0]=other",
					CONSUMING + "in.topics[0].kafka.topics[1]=catalog-topic",
					CONSUMING + "in.topics[0].kafka.groupId=group")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
					.hasMessageContaining("events.modules.kafka.kafkaPublishingEventConsumer.dev.topics[0].kafka.topic")
					.hasMessageContaining(
							"events.modules.kafka.kafkaConsumingEventPublisher.in.topics[0].kafka.topics[1]")
					.hasMessageContaining("every event would loop");
			});
	}

	@Test
	void publishingIntoAConsumedTopicIsAllowedOnAnotherClusterOrIntoAnotherEventsTopic() {
		this.contextRunner.withPropertyValues(instance("dev", "localhost:9092"))
			.withPropertyValues(mapping("dev", 0, "catalog", "catalog-topic"))
			.withPropertyValues(instance("other", "localhost:9092"))
			.withPropertyValues(mapping("other", 0, "audit", "audit-topic"))
			.withPropertyValues(CONSUMING + "in.clientId=in", CONSUMING + "in.brokers[0]=localhost:19092",
					CONSUMING + "in.topics[0].topic=catalog", CONSUMING + "in.topics[0].kafka.topics[0]=catalog-topic",
					CONSUMING + "in.topics[0].kafka.groupId=group")
			.withPropertyValues(CONSUMING + "in2.clientId=in", CONSUMING + "in2.brokers[0]=localhost:9092",
					CONSUMING + "in2.topics[0].topic=not-audit",
					CONSUMING + "in2.topics[0].kafka.topics[0]=audit-topic",
					CONSUMING + "in2.topics[0].kafka.groupId=group")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ProducerFactory<?, ?> producerFactory(ConfigurableApplicationContext context) {
		return context.getBean("kafkaProducerFactory", ProducerFactory.class);
	}

	private static KafkaPublishingBridge bridge(ConfigurableApplicationContext context, String mappingId) {
		return context.getBean(KafkaPublishingBridges.class).find(mappingId).orElseThrow();
	}

	private static PublishingMapping mapping(KafkaInstanceRegistry registry, String mappingId) {
		return registry.findPublishingMapping(mappingId).orElseThrow();
	}

	private static String[] instance(String name, String... brokers) {
		String[] properties = new String[brokers.length + 1];
		properties[0] = PUBLISHING + name + ".clientId=test-" + name;
		for (int i = 0; i < brokers.length; i++) {
			properties[i + 1] = PUBLISHING + name + ".brokers[" + i + "]=" + brokers[i];
		}
		return properties;
	}

	private static String[] mapping(String instance, int index, String eventsTopic, String kafkaTopic) {
		String entry = PUBLISHING + instance + ".topics[" + index + "]";
		return new String[] { entry + ".topic=" + eventsTopic, entry + ".kafka.topic=" + kafkaTopic };
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjectionConfiguration {

		@Bean
		QualifiedInjection qualifiedInjection(@Qualifier("dev") KafkaTemplate<byte[], byte[]> dev,
				@Qualifier("prod") KafkaTemplate<?, ?> prod) {
			return new QualifiedInjection(dev, prod);
		}

	}

	record QualifiedInjection(KafkaTemplate<byte[], byte[]> dev, KafkaTemplate<?, ?> prod) {

	}

	@Configuration(proxyBeanMethods = false)
	static class UnqualifiedInjectionConfiguration {

		@Bean
		UnqualifiedInjection unqualifiedInjection(KafkaTemplate<?, ?> anyTemplate,
				KafkaTemplate<String, String> stringTemplate, @Qualifier("dev") KafkaTemplate<byte[], byte[]> dev) {
			return new UnqualifiedInjection(anyTemplate, stringTemplate, dev);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnqualifiedProviderConfiguration {

		@Bean
		UnqualifiedProvider unqualifiedProvider(ObjectProvider<KafkaTemplate<?, ?>> templates) {
			return new UnqualifiedProvider(templates);
		}

	}

	record UnqualifiedProvider(ObjectProvider<KafkaTemplate<?, ?>> templates) {

	}

	record UnqualifiedInjection(KafkaTemplate<?, ?> anyTemplate, KafkaTemplate<String, String> stringTemplate,
			KafkaTemplate<byte[], byte[]> devTemplate) {

	}

}
