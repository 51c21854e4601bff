package dev.kafkaevents.kafka.reply;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown (through the future of a request) when no reply arrived in time.
 *
 * @author kafka-events
 */
public class KafkaRequestTimeoutException extends KafkaRequestException {

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param mapping the id of the publishing mapping
	 * @param correlationId the correlation id
	 * @param requestRecord the coordinates of the request record, or {@code null}
	 * @param timeout how long the request waited
	 */
	public KafkaRequestTimeoutException(String mapping, String correlationId, @Nullable String requestRecord,
			Duration timeout) {
		super("No reply within " + timeout + " to request " + correlationId + " sent through mapping '" + mapping
				+ "' as record " + ((requestRecord != null) ? requestRecord : "(not acknowledged)"), mapping,
				correlationId, requestRecord);
		this.timeout = timeout;
	}

	/**
	 * Return how long the request waited.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
