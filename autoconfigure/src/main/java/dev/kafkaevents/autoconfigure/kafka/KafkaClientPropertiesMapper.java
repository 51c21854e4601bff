package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Connection;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Compression;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ProducerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Retry;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.SaslMechanism;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * Maps Backstage's keys to the Java Kafka client's properties, one line per key, and adds
 * the settings kafka-events owns. Keys that are not set leave the client's defaults.
 * {@link KafkaEventsPropertiesValidator} checks the values; the problems only found while
 * mapping (SASL, TLS material, a mapping's {@code retry}) are reported here, to the same
 * {@code ConfigurationProblems}.
 *
 * @author kafka-events
 */
final class KafkaClientPropertiesMapper {

	/**
	 * The producers' {@code batch.size}: with {@code linger.ms=0}, large enough that
	 * events published without waiting travel in few produce requests (the client's 16
	 * KiB default holds about fifteen 1 KiB events).
	 */
	static final int DEFAULT_BATCH_SIZE = 128 * 1024;

	/**
	 * The producers' {@code linger.ms}: a caller that awaits each publish is not held
	 * back by Kafka 4's default of 5 ms.
	 */
	static final int DEFAULT_LINGER_MS = 0;

	/**
	 * The producers' {@code acks}: a send completes once every in-sync replica has the
	 * record.
	 */
	static final String DEFAULT_ACKS = "all";

	/**
	 * Longest {@code socket.connection.setup.timeout.max.ms} of the client; a longer
	 * {@code connectionTimeout} raises it too.
	 */
	static final Duration MAX_CONNECTION_SETUP_TIMEOUT = Duration.ofSeconds(30);

	private final TlsClientProperties tls;

	KafkaClientPropertiesMapper(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		this.tls = new TlsClientProperties(resourceLoader, sslBundles);
	}

	/**
	 * Map the connection keys of an instance, its security included.
	 * @param path the path of the instance
	 * @param connection the instance
	 * @param brokers the brokers as host:port, or {@code null} when the instance sets
	 * none
	 * @param problems where problems of the security settings are reported
	 * @return the Kafka client properties
	 */
	Map<String, Object> connection(String path, Connection connection, @Nullable List<String> brokers,
			ConfigurationProblems problems) {
		Map<String, Object> properties = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		map.from(brokers)
			.as((list) -> String.join(",", list))
			.to(put(properties, CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
		map.from(connection.getClientId()).to(put(properties, CommonClientConfigs.CLIENT_ID_CONFIG));
		map.from(connection.getConnectionTimeout()).to((timeout) -> connectionSetupTimeout(properties, timeout));
		map.from(connection.getRequestTimeout())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG));
		map.from(connection.getRetry().getInitialRetryTime())
			.as(Duration::toMillis)
			.to(put(properties, CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG,
					CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG));
		map.from(connection.getRetry().getMaxRetryTime())
			.as(Duration::toMillis)
			.to(put(properties, CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG,
					CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG));
		properties.putAll(security(path, connection, problems));
		return properties;
	}

	private void connectionSetupTimeout(Map<String, Object> properties, Duration timeout) {
		properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, timeout.toMillis());
		if (timeout.compareTo(MAX_CONNECTION_SETUP_TIMEOUT) > 0) {
			properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout.toMillis());
		}
	}

	private Map<String, Object> security(String path, Connection connection, ConfigurationProblems problems) {
		Map<String, Object> properties = new LinkedHashMap<>();
		boolean tls = connection.getSsl().isEffectivelyEnabled();
		SaslMechanism mechanism = connection.getSasl().getMechanism();
		SaslClientProperties.validate(path + ".sasl", connection.getSasl(), problems);
		if (tls || mechanism != null) {
			String protocol = (mechanism != null) ? "SASL_" : "";
			properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol + (tls ? "SSL" : "PLAINTEXT"));
		}
		if (mechanism != null) {
			properties.putAll(SaslClientProperties.properties(mechanism, connection.getSasl()));
		}
		if (tls) {
			properties.putAll(this.tls.properties(path + ".ssl", connection.getSsl(), problems));
		}
		return properties;
	}

	/**
	 * Map the {@code kafka} keys of a consuming mapping, with the settings the bridge
	 * needs: byte array deserializers and the Kafka client's auto-commit off.
	 * @param kafka the keys
	 * @param groupId the consumer group id
	 * @return the Kafka consumer properties
	 */
	Map<String, Object> consumer(ConsumerKafka kafka, String groupId) {
		Map<String, Object> properties = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		map.from(kafka.getFromBeginning())
			.as((fromBeginning) -> fromBeginning ? "earliest" : "latest")
			.to(put(properties, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
		map.from(kafka.getSessionTimeout())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
		map.from(kafka.getRebalanceTimeout())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
		map.from(kafka.getHeartbeatInterval())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
		map.from(kafka.getMetadataMaxAge())
			.as(Duration::toMillis)
			.to(put(properties, ConsumerConfig.METADATA_MAX_AGE_CONFIG));
		map.from(kafka.getMaxWaitTime())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
		map.from(kafka.getMaxBytesPerPartition())
			.as(KafkaClientPropertiesMapper::bytes)
			.to(put(properties, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
		map.from(kafka.getMinBytes())
			.as(KafkaClientPropertiesMapper::bytes)
			.to(put(properties, ConsumerConfig.FETCH_MIN_BYTES_CONFIG));
		map.from(kafka.getMaxBytes())
			.as(KafkaClientPropertiesMapper::bytes)
			.to(put(properties, ConsumerConfig.FETCH_MAX_BYTES_CONFIG));
		return properties;
	}

	/**
	 * Map the retry keys of a publishing instance and mapping (the mapping's win), with
	 * the settings kafka-events owns: byte array serializers, {@value #DEFAULT_ACKS}
	 * acks, {@value #DEFAULT_LINGER_MS} ms linger and a {@value #DEFAULT_BATCH_SIZE}
	 * bytes batch size.
	 * @param instanceRetry the retry block of the instance
	 * @param mappingRetry the retry block of the mapping
	 * @return the Kafka producer properties
	 */
	Map<String, Object> producer(Retry instanceRetry, Retry mappingRetry) {
		Map<String, Object> properties = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.ACKS_CONFIG, DEFAULT_ACKS);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
		map.from(mappingRetry.getRetries())
			.orFrom(instanceRetry::getRetries)
			.to(put(properties, ProducerConfig.RETRIES_CONFIG));
		map.from(mappingRetry.getInitialRetryTime())
			.orFrom(instanceRetry::getInitialRetryTime)
			.as(Duration::toMillis)
			.to(put(properties, ProducerConfig.RETRY_BACKOFF_MS_CONFIG));
		map.from(mappingRetry.getMaxRetryTime())
			.orFrom(instanceRetry::getMaxRetryTime)
			.as(Duration::toMillis)
			.to(put(properties, ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG));
		return properties;
	}

	/**
	 * Map the producer keys of a publishing instance, which its mappings may override.
	 * @param instance the publishing instance
	 * @return the Kafka producer properties
	 */
	Map<String, Object> producer(Publishing instance) {
		return compression(instance.getCompression());
	}

	/**
	 * Map the {@code kafka} keys of a publishing mapping.
	 * @param kafka the keys
	 * @return the Kafka producer properties
	 */
	Map<String, Object> producer(ProducerKafka kafka) {
		Map<String, Object> properties = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		map.from(kafka.getMetadataMaxAge())
			.as(Duration::toMillis)
			.to(put(properties, ProducerConfig.METADATA_MAX_AGE_CONFIG));
		map.from(kafka.getTransactionTimeout())
			.as(KafkaClientPropertiesMapper::millis)
			.to(put(properties, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
		map.from(kafka.getIdempotent()).to(put(properties, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
		map.from(kafka.getMaxInFlightRequests())
			.to(put(properties, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
		properties.putAll(compression(kafka.getCompression()));
		return properties;
	}

	private static Map<String, Object> compression(@Nullable Compression compression) {
		return (compression != null) ? Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.getId()) : Map.of();
	}

	/**
	 * Convert the retry block of a consuming mapping.
	 * @param path the path of the retry block
	 * @param retry the retry block
	 * @param problems where problems are reported
	 * @return the retry policy
	 */
	HandlerRetry handlerRetry(String path, KafkaEventsProperties.HandlerRetry retry, ConfigurationProblems problems) {
		if (retry.getAttempts() < 1) {
			problems.problem(path + ".attempts", "attempts must be at least 1, was " + retry.getAttempts() + ".",
					"Set " + path + ".attempts to 1 (no retry) or more.");
			return HandlerRetry.NONE;
		}
		if (retry.getMultiplier() < 1) {
			problems.problem(path + ".multiplier", "multiplier must be at least 1, was " + retry.getMultiplier() + ".",
					"Set " + path + ".multiplier to 1 (constant back-off) or more.");
			return HandlerRetry.NONE;
		}
		List<Class<? extends Exception>> notRetryable = retry.getNotRetryable();
		for (int i = 0; i < notRetryable.size(); i++) {
			if (!Exception.class.isAssignableFrom(notRetryable.get(i))) {
				problems.problem(path + ".notRetryable[" + i + "]",
						notRetryable.get(i).getName() + " is not an exception class.",
						"Set " + path + ".notRetryable[" + i + "] to the name of an Exception subclass.");
			}
		}
		return new HandlerRetry(retry.getAttempts(), retry.getInitialInterval(), retry.getMultiplier(),
				retry.getMaxInterval(), notRetryable, retry.getMode());
	}

	/**
	 * Convert the {@code headers} block of a publishing mapping.
	 * @param headers the block
	 * @return the header policy
	 */
	HeaderForwarding headerForwarding(KafkaEventsProperties.Headers headers) {
		List<String> whitelist = (headers.getWhitelist() != null) ? headers.getWhitelist() : List.of();
		List<String> blacklist = (headers.getBlacklist() != null) ? headers.getBlacklist()
				: HeaderForwarding.DEFAULT_BLACKLIST;
		return new HeaderForwarding(headers.isForward(), whitelist, blacklist);
	}

	private static int millis(Duration duration) {
		return (int) duration.toMillis();
	}

	private static int bytes(DataSize size) {
		return (int) size.toBytes();
	}

	private static <T> Consumer<T> put(Map<String, Object> properties, String... keys) {
		return (value) -> {
			for (String key : keys) {
				properties.put(key, value);
			}
		};
	}

}
