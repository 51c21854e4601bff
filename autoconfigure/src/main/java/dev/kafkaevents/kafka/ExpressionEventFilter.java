package dev.kafkaevents.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.format.KeyFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.DataBindingPropertyAccessor;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.Assert;

/**
 * {@link KafkaEventFilter} of a SpEL expression, parsed once and evaluated against each
 * event in a {@link SimpleEvaluationContext} (read-only properties, map keys as
 * properties, no type references or bean access). After 100 evaluations, which tell SpEL
 * the types involved, the expression is compiled to bytecode when SpEL can compile it
 * (comparisons of values whose types are known, such as {@code record.partition == 0}); a
 * compiled expression that fails runs interpreted again.
 * <p>
 * The expression sees {@code value} (the payload), {@code key} (the record key as text,
 * or as {@code byte[]} with the {@code bytes} key format; {@code null} on the publishing
 * side), {@code headers} (the first value of each metadata name), {@code metadata},
 * {@code topic} (the events topic) and {@code record} (the {@link KafkaRecord}, or
 * {@code null} on the publishing side). For example {@code value.itemId == 'a4f6j2'} or
 * {@code headers['type'] != 'test' and record.partition == 0}.
 *
 * @author kafka-events
 */
public final class ExpressionEventFilter implements KafkaEventFilter {

	static final SpelExpressionParser parser = new SpelExpressionParser(
			new SpelParserConfiguration(SpelCompilerMode.MIXED, ExpressionEventFilter.class.getClassLoader()));

	private static final int COMPILE_AFTER = 100;

	static final EvaluationContext context = SimpleEvaluationContext
		.forPropertyAccessors(new MapAccessor(false), DataBindingPropertyAccessor.forReadOnlyAccess())
		.withInstanceMethods()
		.build();

	private final String expressionString;

	private final Expression expression;

	private final KeyFormat keyFormat;

	private final AtomicInteger evaluations = new AtomicInteger();

	/**
	 * Parse an expression.
	 * @param expression the SpEL expression
	 * @param keyFormat the key format of the mapping, which decides the type of
	 * {@code key}
	 * @throws ParseException if the expression does not parse
	 */
	public ExpressionEventFilter(String expression, KeyFormat keyFormat) {
		Assert.hasText(expression, "'expression' must not be empty");
		Assert.notNull(keyFormat, "'keyFormat' must not be null");
		this.expressionString = expression;
		this.expression = parser.parseExpression(expression);
		this.keyFormat = keyFormat;
	}

	@Override
	public boolean accept(EventParams event) {
		if (this.evaluations.get() <= COMPILE_AFTER && this.evaluations.incrementAndGet() == COMPILE_AFTER
				&& this.expression instanceof SpelExpression spelExpression) {
			spelExpression.compileExpression();
		}
		Boolean accepted = this.expression.getValue(context, new Root(event, this.keyFormat), Boolean.class);
		if (accepted == null) {
			throw new IllegalStateException("Filter expression '" + this.expressionString + "' returned null");
		}
		return accepted;
	}

	@Override
	public String toString() {
		return "ExpressionEventFilter[" + this.expressionString + "]";
	}

	/**
	 * What an expression is evaluated against.
	 */
	public static final class Root {

		private final EventParams event;

		private final KeyFormat keyFormat;

		Root(EventParams event, KeyFormat keyFormat) {
			this.event = event;
			this.keyFormat = keyFormat;
		}

		/**
		 * Return the payload.
		 * @return the payload
		 */
		public @Nullable Object getValue() {
			return this.event.eventPayload();
		}

		/**
		 * Return the record key.
		 * @return the key, as text or bytes depending on the key format
		 */
		public @Nullable Object getKey() {
			KafkaRecord record = this.event.kafkaRecord();
			if (record == null) {
				return null;
			}
			return (this.keyFormat == KeyFormat.BYTES) ? record.keyBytes() : record.key();
		}

		/**
		 * Return the first value of each metadata name.
		 * @return the headers
		 */
		public Map<String, @Nullable String> getHeaders() {
			EventMetadata metadata = this.event.metadata();
			Map<String, @Nullable String> headers = new LinkedHashMap<>();
			for (String name : metadata.names()) {
				headers.put(name, metadata.get(name));
			}
			return headers;
		}

		/**
		 * Return the metadata.
		 * @return the metadata
		 */
		public EventMetadata getMetadata() {
			return this.event.metadata();
		}

		/**
		 * Return the events topic.
		 * @return the topic
		 */
		public String getTopic() {
			return this.event.topic();
		}

		/**
		 * Return the Kafka record of a consumed event.
		 * @return the record, or {@code null} on the publishing side
		 */
		public @Nullable KafkaRecord getRecord() {
			return this.event.kafkaRecord();
		}

	}

}
