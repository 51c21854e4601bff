package dev.kafkaevents.kafka;

import org.jspecify.annotations.Nullable;

/**
 * How an idempotent consuming mapping ({@code idempotent: true}) tells its records apart
 * and which transaction its handlers and inbox rows commit in. A record's message id is,
 * in this order: the value of {@code keyExpression}, the metadata value named by
 * {@code keyName}, the outbox's event id header, else
 * {@code kafka:<topic>/<partition>/<offset>}.
 *
 * @param keyName metadata name whose value is the message id, or {@code null}
 * @param keyExpression SpEL expression giving the message id, or {@code null}
 * @param transactionManager name of the transaction manager bean, or {@code null} for the
 * application's only one
 * @author kafka-events
 */
public record Idempotency(@Nullable String keyName, @Nullable EventKeyExpression keyExpression,
		@Nullable String transactionManager) {

	/**
	 * Idempotency by the outbox's event id header, else the record's position, in the
	 * application's transaction manager.
	 */
	public static final Idempotency DEFAULT = new Idempotency(null, null, null);

}
