package dev.kafkaevents.kafka.reply;

import org.jspecify.annotations.Nullable;

/**
 * Thrown (through the future of a request) when a request sent over Kafka got no reply or
 * an error reply.
 *
 * @author kafka-events
 */
public abstract class KafkaRequestException extends RuntimeException {

	private final String mapping;

	private final String correlationId;

	private final @Nullable String requestRecord;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param mapping the id of the publishing mapping the request was sent through
	 * @param correlationId the correlation id of the request
	 * @param requestRecord the coordinates of the request record
	 * ({@code <topic>-<partition>@<offset>}), or {@code null} when it was not
	 * acknowledged
	 */
	protected KafkaRequestException(String message, String mapping, String correlationId,
			@Nullable String requestRecord) {
		super(message);
		this.mapping = mapping;
		this.correlationId = correlationId;
		this.requestRecord = requestRecord;
	}

	/**
	 * Return the id of the publishing mapping the request was sent through.
	 * @return the mapping id
	 */
	public String getMapping() {
		return this.mapping;
	}

	/**
	 * Return the correlation id of the request.
	 * @return the correlation id
	 */
	public String getCorrelationId() {
		return this.correlationId;
	}

	/**
	 * Return where the request record landed.
	 * @return {@code <topic>-<partition>@<offset>}, or {@code null} when the send was not
	 * acknowledged
	 */
	public @Nullable String getRequestRecord() {
		return this.requestRecord;
	}

}
