package dev.kafkaevents.kafka;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.format.KeyFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.util.Assert;

/**
 * A SpEL expression that gives an event's key as text, such as an idempotency key,
 * evaluated against the same variables as an {@link ExpressionEventFilter}
 * ({@code value}, {@code key}, {@code headers}, {@code metadata}, {@code topic},
 * {@code record}).
 *
 * @author kafka-events
 */
public final class EventKeyExpression {

	private final String expressionString;

	private final Expression expression;

	private final KeyFormat keyFormat;

	/**
	 * Parse an expression.
	 * @param expression the SpEL expression, such as {@code value.orderId}
	 * @param keyFormat the key format of the mapping
	 * @throws ParseException if the expression does not parse
	 */
	public EventKeyExpression(String expression, KeyFormat keyFormat) {
		Assert.hasText(expression, "'expression' must not be empty");
		Assert.notNull(keyFormat, "'keyFormat' must not be null");
		this.expressionString = expression;
		this.expression = ExpressionEventFilter.parser.parseExpression(expression);
		this.keyFormat = keyFormat;
	}

	/**
	 * Evaluate the expression against an event.
	 * @param event the event
	 * @return the key as text, or {@code null} if the expression gave {@code null}
	 */
	public @Nullable String key(EventParams event) {
		Object key = this.expression.getValue(ExpressionEventFilter.context,
				new ExpressionEventFilter.Root(event, this.keyFormat));
		return (key != null) ? key.toString() : null;
	}

	@Override
	public String toString() {
		return "EventKeyExpression[" + this.expressionString + "]";
	}

}
