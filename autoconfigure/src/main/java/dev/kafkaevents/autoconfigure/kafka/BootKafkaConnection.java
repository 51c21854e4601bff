package dev.kafkaevents.autoconfigure.kafka;

import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Spring Boot's Kafka connection for consumers or producers, used by the instances that
 * set no {@code brokers}.
 *
 * @param brokers bootstrap brokers as host:port
 * @param securityProperties Kafka client properties of the connection's security protocol
 * and SSL bundle, possibly empty
 * @param source where the connection comes from, for the startup log
 * @author kafka-events
 */
record BootKafkaConnection(List<String> brokers, Map<String, Object> securityProperties, String source) {

	BootKafkaConnection {
		Assert.notEmpty(brokers, "'brokers' must not be empty");
		brokers = List.copyOf(brokers);
		securityProperties = Map.copyOf(securityProperties);
	}

}
