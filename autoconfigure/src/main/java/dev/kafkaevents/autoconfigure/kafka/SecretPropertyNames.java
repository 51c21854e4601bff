package dev.kafkaevents.autoconfigure.kafka;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Recognizes the {@code events.modules.kafka} property names whose values are secrets:
 * {@code sasl.password}, {@code sasl.clientSecret}, {@code ssl.key},
 * {@code ssl.passphrase}, and raw client {@code properties} that Kafka itself treats as
 * passwords, such as {@code sasl.jaas.config} or {@code ssl.key.password}. Names are
 * matched in any spelling: camelCase, kebab-case, indexed or environment variable form.
 *
 * @author kafka-events
 */
final class SecretPropertyNames {

	private static final String ROOT = "events.modules.kafka.";

	private static final Set<String> SECRETS = Set.of("sasl.password", "sasl.clientsecret", "ssl.key",
			"ssl.passphrase");

	private static final Set<String> CLIENT_SECRETS = Stream
		.of(ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef())
		.flatMap((definition) -> definition.configKeys().values().stream())
		.filter((key) -> key.type == ConfigDef.Type.PASSWORD)
		.map((key) -> key.name)
		.collect(Collectors.toUnmodifiableSet());

	private SecretPropertyNames() {
	}

	/**
	 * Return whether the given property name holds a secret of ours.
	 * @param name a property name, in any form
	 * @return whether its value must not be shown
	 */
	static boolean isSecret(String name) {
		String normalized = normalize(name);
		if (!normalized.startsWith(ROOT)) {
			return false;
		}
		for (String secret : SECRETS) {
			if (normalized.endsWith("." + secret)) {
				return true;
			}
		}
		for (String secret : CLIENT_SECRETS) {
			if (normalized.endsWith(".properties." + secret)) {
				return true;
			}
		}
		return false;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT)
			.replace('_', '.')
			.replace("[", ".")
			.replace("]", "")
			.replace("-", "")
			.replace("..", ".");
	}

}
