package dev.kafkaevents.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints what to try once the sample is ready.
 *
 * @author kafka-events
 */
@Component
class WhatToTry {

	private static final Log logger = LogFactory.getLog(WhatToTry.class);

	private final Environment environment;

	WhatToTry(Environment environment) {
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void printWhatToTry() {
		String base = "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
		logger.info("""

				kafka-events sample is running with Kafka at %s. Try:

				  curl -s -X POST %s/entities -H 'Content-Type: application/json' \\
				    -d '{"entityRef":"component:default/petstore","kind":"Component","owner":"team-a"}'
				  curl -s %s/entities/received
				  curl -s '%s/entities/owner?entityRef=component:default/petstore'
				  curl -s %s/actuator/kafkaevents
				  curl -s %s/actuator/health
				  curl -s %s/actuator/metrics/kafka.events.received
				""".formatted(this.environment.getProperty(EmbeddedKafkaEnvironmentPostProcessor.BROKERS_PROPERTY),
				base, base, base, base, base, base));
	}

}
