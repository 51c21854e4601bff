package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.SaslMechanism;
import dev.kafkaevents.kafka.consumer.ConsumingObserver;
import dev.kafkaevents.kafka.consumer.KafkaConsumerFactoryCustomizer;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridgeCustomizer;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Auto-configuration of the Kafka instances configured under
 * {@code events.modules.kafka}: binds and validates the configuration into a
 * {@link KafkaInstanceRegistry} and runs a consuming bridge per
 * {@code kafkaConsumingEventPublisher} mapping.
 *
 * @author kafka-events
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, SslAutoConfiguration.class },
		afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ KafkaConsumer.class, ConcurrentMessageListenerContainer.class })
@EnableConfigurationProperties(KafkaEventsProperties.class)
@ImportRuntimeHints(KafkaEventsAutoConfiguration.KafkaEventsRuntimeHints.class)
public final class KafkaEventsAutoConfiguration {

	KafkaEventsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaInstanceRegistry kafkaInstanceRegistry(KafkaEventsProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<BootKafkaConnections> bootConnections,
			BeanFactory beanFactory) {
		return new KafkaInstanceRegistryFactory(resourceLoader, sslBundles.getIfAvailable(),
				bootConnections.getIfAvailable(() -> BootKafkaConnections.NONE), beanFactory)
			.create(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EventsService.class)
	KafkaConsumingBridges kafkaConsumingBridges(KafkaInstanceRegistry registry, EventsService eventsService,
			ObjectProvider<JsonMapper> jsonMapper, ApplicationEventPublisher eventPublisher,
			ObjectProvider<ConsumingObserver> observers, ObjectProvider<KafkaConsumerFactoryCustomizer> customizers,
			ObjectProvider<KafkaConsumingBridgeCustomizer> bridgeCustomizers, Environment environment) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::new);
		List<ConsumingObserver> observerList = observers.orderedStream().toList();
		List<KafkaConsumerFactoryCustomizer> customizerList = customizers.orderedStream().toList();
		List<KafkaConsumingBridgeCustomizer> bridgeCustomizerList = bridgeCustomizers.orderedStream().toList();
		boolean virtualThreads = Threading.VIRTUAL.isActive(environment);
		return new KafkaConsumingBridges(registry.getConsumingMappings().stream().map((mapping) -> {
			KafkaConsumingBridge bridge = new KafkaConsumingBridge(mapping, eventsService, mapper, eventPublisher,
					observerList, customizerList);
			bridge.setVirtualThreads(virtualThreads);
			bridgeCustomizerList.forEach((customizer) -> customizer.customize(bridge));
			return bridge;
		}).toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KafkaConnectionDetails.class)
	static class BootKafkaConnectionConfiguration {

		@Bean
		BootKafkaConnections kafkaEventsBootConnections(ObjectProvider<KafkaConnectionDetails> connectionDetails,
				Environment environment) {
			return KafkaConnectionDetailsAdapter.adapt(connectionDetails.getIfAvailable(), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaEventsSanitizingFunction")
		SanitizingFunction kafkaEventsSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyMatches(SecretPropertyNames::isSecret);
		}

	}

	static class KafkaEventsRuntimeHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			for (SaslMechanism mechanism : SaslMechanism.values()) {
				hints.reflection()
					.registerTypeIfPresent(classLoader, mechanism.loginModule(),
							MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			}
			hints.reflection()
				.registerTypeIfPresent(classLoader, SaslClientProperties.OAUTH_LOGIN_CALLBACK_HANDLER,
						MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			hints.reflection().registerType(SslBundleEngineFactory.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}

	}

}
