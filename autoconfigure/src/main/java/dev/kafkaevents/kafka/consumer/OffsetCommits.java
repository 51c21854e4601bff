package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * How a consuming mapping commits offsets ({@code autoCommit}): always the offsets of
 * processed records, never the poll position, through spring-kafka's own commits.
 * <p>
 * The batch listener returns only once every record of its poll has been handled, so
 * {@link AckMode#BATCH} commits exactly what was processed; when a record fails, the
 * container's {@code DefaultErrorHandler} commits the records before it and, once it is
 * recovered (skipped or dead-lettered), the record itself, and seeks back to the rest.
 * Hence:
 * <ul>
 * <li>{@code autoCommit: true} (the default): asynchronously after each poll, as KafkaJS,
 * Backstage's client, does after each batch; a crash redelivers about the poll in
 * hand;</li>
 * <li>{@code autoCommit: true} with {@code auto.commit.interval.ms} in the mapping's
 * {@code properties}: asynchronously, at most once per that interval
 * ({@link AckMode#TIME});</li>
 * <li>{@code autoCommit: false}: synchronously after each poll.</li>
 * </ul>
 * The Kafka client's own auto-commit, which commits the poll position whatever was
 * processed, is always off.
 *
 * @author kafka-events
 */
final class OffsetCommits {

	private OffsetCommits() {
	}

	/**
	 * Set the ack mode and commit kind of a mapping's listener container.
	 * @param mapping the mapping
	 * @param properties the container properties to configure
	 */
	static void configure(ConsumingMapping mapping, ContainerProperties properties) {
		Duration interval = commitInterval(mapping);
		properties.setAckMode((interval != null) ? AckMode.TIME : AckMode.BATCH);
		if (interval != null) {
			properties.setAckTime(interval.toMillis());
		}
		properties.setSyncCommits(!mapping.autoCommit());
	}

	/**
	 * Return the consumer properties of a mapping with the Kafka client's auto-commit
	 * turned off.
	 * @param mapping the mapping
	 * @return the consumer properties
	 */
	static Map<String, Object> consumerProperties(ConsumingMapping mapping) {
		Map<String, Object> properties = new HashMap<>(mapping.consumerProperties());
		properties.remove(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return properties;
	}

	private static @Nullable Duration commitInterval(ConsumingMapping mapping) {
		Object interval = mapping.consumerProperties().get(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		return (mapping.autoCommit() && interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString()))
				: null;
	}

}
