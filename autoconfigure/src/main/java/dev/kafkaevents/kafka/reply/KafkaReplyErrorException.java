package dev.kafkaevents.kafka.reply;

import org.jspecify.annotations.Nullable;

/**
 * Thrown (through the future of a request) when the answering application replied with an
 * error: its handler failed.
 *
 * @author kafka-events
 */
public class KafkaReplyErrorException extends KafkaRequestException {

	private final String remoteMessage;

	/**
	 * Create a new instance.
	 * @param mapping the id of the publishing mapping
	 * @param correlationId the correlation id
	 * @param requestRecord the coordinates of the request record, or {@code null}
	 * @param remoteMessage the error message of the answering application
	 */
	public KafkaReplyErrorException(String mapping, String correlationId, @Nullable String requestRecord,
			String remoteMessage) {
		super("Request " + correlationId + " sent through mapping '" + mapping + "' failed remotely: " + remoteMessage,
				mapping, correlationId, requestRecord);
		this.remoteMessage = remoteMessage;
	}

	/**
	 * Return the error message of the answering application.
	 * @return the remote message
	 */
	public String getRemoteMessage() {
		return this.remoteMessage;
	}

}
