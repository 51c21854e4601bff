package dev.kafkaevents.kafka;

import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * How one side of a named instance reaches its brokers: the consuming side
 * ({@code kafkaConsumingEventPublisher.<instance>}) or the publishing side
 * ({@code kafkaPublishingEventConsumer.<instance>}).
 *
 * @param clientId Kafka client id
 * @param brokers bootstrap brokers as host:port
 * @param clientProperties instance-level Kafka client properties, secrets included: the
 * settings derived from the connection keys then the instance's {@code properties} (and,
 * on the publishing side, the producer settings an instance's {@code KafkaTemplate} is
 * built from)
 * @author kafka-events
 */
public record KafkaConnection(String clientId, List<String> brokers, Map<String, Object> clientProperties) {

	/**
	 * Create a new connection.
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param clientProperties instance-level Kafka client properties
	 */
	public KafkaConnection {
		Assert.notNull(clientId, "'clientId' must not be null");
		Assert.notNull(brokers, "'brokers' must not be null");
		Assert.notNull(clientProperties, "'clientProperties' must not be null");
		brokers = List.copyOf(brokers);
		clientProperties = Map.copyOf(clientProperties);
	}

	/**
	 * Return the identity of the cluster this connection reaches.
	 * @return the cluster, as {@link KafkaEventOrigin#cluster(java.util.Collection)}
	 * returns it
	 */
	public String cluster() {
		return KafkaEventOrigin.cluster(this.brokers);
	}

	@Override
	public String toString() {
		return "KafkaConnection[clientId=" + this.clientId + ", brokers=" + this.brokers + "]";
	}

}
