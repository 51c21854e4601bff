package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the Kafka instances configured under
 * {@code events.modules.kafka}: binds and validates the configuration and exposes it as a
 * {@link KafkaInstanceRegistry}.
 *
 * @author kafka-events
 */
@AutoConfiguration
@ConditionalOnClass(KafkaConsumer.class)
@EnableConfigurationProperties(KafkaEventsProperties.class)
public final class KafkaEventsAutoConfiguration {

	KafkaEventsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaInstanceRegistry kafkaInstanceRegistry(KafkaEventsProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles) {
		return new KafkaInstanceRegistryFactory(resourceLoader, sslBundles.getIfAvailable()).create(properties);
	}

}
