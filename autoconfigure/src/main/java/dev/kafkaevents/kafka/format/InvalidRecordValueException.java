package dev.kafkaevents.kafka.format;

/**
 * Thrown when the value of a record cannot be read in its mapping's format: a poison
 * record, never retried.
 *
 * @author kafka-events
 */
public class InvalidRecordValueException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message the message
	 */
	public InvalidRecordValueException(String message) {
		super(message);
	}

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param cause the cause
	 */
	public InvalidRecordValueException(String message, Throwable cause) {
		super(message, cause);
	}

}
