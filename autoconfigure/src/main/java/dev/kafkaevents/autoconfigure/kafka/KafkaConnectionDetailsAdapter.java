package dev.kafkaevents.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails.Configuration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Adapts Spring Boot's {@link KafkaConnectionDetails} to {@link BootKafkaConnections}.
 * Connection details that Spring Boot derives from {@code spring.kafka.*} count only when
 * the bootstrap servers are set explicitly, since Spring Boot otherwise defaults them to
 * {@code localhost:9092}; any other connection details, such as those of a
 * {@code @ServiceConnection}, always count.
 *
 * @author kafka-events
 */
final class KafkaConnectionDetailsAdapter {

	private static final String PROPERTIES_CONNECTION_DETAILS = "org.springframework.boot.kafka.autoconfigure.PropertiesKafkaConnectionDetails";

	private static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	private KafkaConnectionDetailsAdapter() {
	}

	/**
	 * Return the connections of the given connection details.
	 * @param connectionDetails Spring Boot's connection details, or {@code null}
	 * @param environment the environment the {@code spring.kafka.*} properties come from
	 * @return the connections
	 */
	static BootKafkaConnections adapt(@Nullable KafkaConnectionDetails connectionDetails, Environment environment) {
		if (connectionDetails == null) {
			return BootKafkaConnections.NONE;
		}
		if (!PROPERTIES_CONNECTION_DETAILS.equals(connectionDetails.getClass().getName())) {
			String source = "a KafkaConnectionDetails bean (" + connectionDetails.getClass().getSimpleName() + ")";
			return new BootKafkaConnections(connection(connectionDetails.getConsumer(), source),
					connection(connectionDetails.getProducer(), source));
		}
		Binder binder = Binder.get(environment);
		return new BootKafkaConnections(
				connection(connectionDetails.getConsumer(), configuredSource(binder, "spring.kafka.consumer")),
				connection(connectionDetails.getProducer(), configuredSource(binder, "spring.kafka.producer")));
	}

	private static @Nullable String configuredSource(Binder binder, String clientPrefix) {
		String clientServers = clientPrefix + ".bootstrap-servers";
		if (isSet(binder, clientServers)) {
			return clientServers;
		}
		return isSet(binder, BOOTSTRAP_SERVERS) ? BOOTSTRAP_SERVERS : null;
	}

	private static boolean isSet(Binder binder, String name) {
		return binder.bind(name, Bindable.listOf(String.class)).isBound();
	}

	private static @Nullable BootKafkaConnection connection(Configuration configuration, @Nullable String source) {
		List<String> brokers = configuration.getBootstrapServers();
		if (source == null || brokers == null || brokers.isEmpty()) {
			return null;
		}
		return new BootKafkaConnection(brokers, securityProperties(configuration), source);
	}

	private static Map<String, Object> securityProperties(Configuration configuration) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String protocol = configuration.getSecurityProtocol();
		if (StringUtils.hasLength(protocol)) {
			properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
		}
		SslBundle sslBundle = configuration.getSslBundle();
		if (sslBundle != null) {
			properties.putAll(SslBundleEngineFactory.clientProperties(sslBundle, true));
		}
		return properties;
	}

}
