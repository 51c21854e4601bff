package dev.kafkaevents.kafka.consumer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.security.SecurityFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.jspecify.annotations.Nullable;

/**
 * Logs, once per retry, why the consumers of a mapping cannot authenticate or are denied
 * access: the instance, brokers, security protocol and SASL mechanism, and an explanation
 * of the client's exception, which the consumers it {@link #watch(Consumer) watches}
 * record.
 *
 * @author kafka-events
 */
final class SecurityFailureLog {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final ConsumingMapping mapping;

	private final String logPrefix;

	private final Duration retryInterval;

	private volatile @Nullable Throwable lastFailure;

	private final AtomicBoolean failing = new AtomicBoolean();

	SecurityFailureLog(ConsumingMapping mapping, String logPrefix, Duration retryInterval) {
		this.mapping = mapping;
		this.logPrefix = logPrefix;
		this.retryInterval = retryInterval;
	}

	/**
	 * Return a view of the given consumer that records its authentication and
	 * authorization failures.
	 * @param consumer the consumer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the watched consumer
	 */
	@SuppressWarnings("unchecked")
	<K, V> Consumer<K, V> watch(Consumer<K, V> consumer) {
		return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, (proxy, method, arguments) -> {
					try {
						return method.invoke(consumer, arguments);
					}
					catch (InvocationTargetException ex) {
						Throwable failure = ex.getCause();
						if (failure instanceof AuthenticationException || failure instanceof AuthorizationException) {
							this.lastFailure = failure;
						}
						throw failure;
					}
				});
	}

	/**
	 * Log that the container will retry after an authentication or authorization failure.
	 */
	void retrying() {
		this.failing.set(true);
		Throwable failure = this.lastFailure;
		String protocol = String.valueOf(this.mapping.consumerProperties()
			.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL));
		Object mechanism = this.mapping.consumerProperties().get(SaslConfigs.SASL_MECHANISM);
		logger.error(this.logPrefix + "cannot authenticate with brokers " + this.mapping.brokers() + " over " + protocol
				+ ((mechanism != null) ? " with SASL mechanism " + mechanism : "") + ": "
				+ ((failure != null) ? SecurityFailures.describe(failure) : "the client was refused") + ". Retrying in "
				+ this.retryInterval.toSeconds() + "s.");
	}

	/**
	 * Log that the consumer authenticated after failures.
	 */
	void recovered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info(this.logPrefix + "authenticated with brokers " + this.mapping.brokers() + " after retrying");
		}
	}

}
