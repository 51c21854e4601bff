package dev.kafkaevents.events;

/**
 * Thrown when the payload of an event cannot be converted to the parameter type of an
 * {@link EventHandler} method.
 */
public class EventPayloadConversionException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param cause the conversion failure
	 */
	public EventPayloadConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
