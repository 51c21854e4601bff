package dev.kafkaevents.kafka.consumer;

/**
 * Thrown when a share-group mapping cannot start: its brokers do not support share
 * groups, or its principal may not set the group's configuration that
 * {@code fromBeginning} maps to, or its {@code retry.attempts} exceed the brokers'
 * delivery count limit.
 *
 * @author kafka-events
 */
public class ShareGroupSetupException extends IllegalStateException {

	private final String mappingId;

	private final String action;

	/**
	 * Create a new instance.
	 * @param mappingId the id of the mapping
	 * @param description what is wrong
	 * @param action what to do
	 * @param cause the underlying failure, or {@code null}
	 */
	public ShareGroupSetupException(String mappingId, String description, String action, Throwable cause) {
		super("Kafka events consuming mapping '" + mappingId + "' cannot consume through a share group: " + description,
				cause);
		this.mappingId = mappingId;
		this.action = action;
	}

	/**
	 * Return the id of the mapping that cannot start.
	 * @return the mapping id
	 */
	public String getMappingId() {
		return this.mappingId;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
