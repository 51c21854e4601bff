package dev.kafkaevents.autoconfigure.kafka;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Checks the raw Kafka client {@code properties} of an instance or mapping the way the
 * Kafka client's constructor would, with the client's own {@link ConfigDef}: a value of
 * the wrong type, outside its range or not one of its allowed values, a class that cannot
 * be loaded, a (de)serializer that is none, or a bootstrap server without a port. Keys
 * the client does not know are left alone, and the values of secrets are never quoted.
 *
 * @author kafka-events
 */
final class ClientPropertyValues {

	private static final Map<String, Class<?>> CLASS_TYPES = Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
			Serializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class,
			ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, Deserializer.class,
			ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, Deserializer.class);

	private ClientPropertyValues() {
	}

	/**
	 * Report each value the Kafka client would reject.
	 * @param path the full path of the {@code properties} map
	 * @param properties the raw client properties
	 * @param definition the client's configuration definition
	 * @param problems where problems are reported
	 */
	static void validate(String path, Map<String, String> properties, ConfigDef definition,
			ConfigurationProblems problems) {
		properties.forEach((name, value) -> {
			ConfigKey key = definition.configKeys().get(name);
			if (key != null) {
				validate(path + "[" + name + "]", key, value, problems);
			}
		});
	}

	private static void validate(String path, ConfigKey key, String value, ConfigurationProblems problems) {
		try {
			Object parsed = ConfigDef.parseType(key.name, value, key.type);
			if (key.validator != null) {
				key.validator.ensureValid(key.name, parsed);
			}
			checkClassType(key.name, parsed);
			checkBootstrapServers(key.name, value);
		}
		catch (ConfigException ex) {
			boolean secret = key.type == ConfigDef.Type.PASSWORD || SecretPropertyNames.isSecret(path);
			String quoted = secret ? "The value" : "The value '" + value + "'";
			String reason = secret ? "" : ": " + reason(key.name, ex);
			problems.problem(path, quoted + " is not valid for the Kafka client's " + key.name + reason + ".",
					"Set " + path + " to a valid " + key.name + " (type " + key.type.name().toLowerCase(Locale.ROOT)
							+ ((key.validator != null) ? ", " + key.validator : "") + "), or remove it.");
		}
	}

	private static void checkClassType(String name, Object parsed) {
		Class<?> expected = CLASS_TYPES.get(name);
		if (expected != null && parsed instanceof Class<?> type && !expected.isAssignableFrom(type)) {
			throw new ConfigException(name, type.getName(), type.getName() + " is not a " + expected.getName());
		}
	}

	private static void checkBootstrapServers(String name, String value) {
		if (CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(name)) {
			Arrays.stream(value.split(","))
				.map(String::strip)
				.filter((server) -> !server.isEmpty())
				.filter((server) -> !BrokerAddresses.isHostAndPort(server))
				.findFirst()
				.ifPresent((server) -> {
					throw new ConfigException(name, value, "'" + server + "' is not host:port");
				});
		}
	}

	private static String reason(String name, ConfigException ex) {
		String message = String.valueOf(ex.getMessage());
		String marker = "for configuration " + name + ": ";
		int index = message.indexOf(marker);
		return (index >= 0) ? message.substring(index + marker.length()) : message;
	}

}
