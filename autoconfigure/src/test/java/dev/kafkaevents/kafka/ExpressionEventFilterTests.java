package dev.kafkaevents.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.format.KeyFormat;
import org.junit.jupiter.api.Test;

import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExpressionEventFilter}.
 *
 * @author kafka-events
 */
class ExpressionEventFilterTests {

	private static final KafkaRecord RECORD = new KafkaRecord("dev", "dev.items", "items", 2, 10, 1000,
			KafkaRecord.TimestampType.CREATE_TIME, "k-1".getBytes(StandardCharsets.UTF_8), null, 1);

	private final EventParams event = new EventParams("items", Map.of("itemId", "a4f6j2", "count", 3),
			EventMetadata.builder().add("type", "order").build(), RECORD);

	@Test
	void expressionSeesValueKeyHeadersTopicAndRecord() {
		assertThat(accepts("value.itemId == 'a4f6j2' and value.count > 2")).isTrue();
		assertThat(accepts("key == 'k-1' and headers['type'] == 'order' and topic == 'items'")).isTrue();
		assertThat(accepts("record.partition == 2 and record.offset == 10 and record.deliveryAttempt == 1")).isTrue();
		assertThat(accepts("metadata.get('type') == 'order'")).isTrue();
		assertThat(accepts("value.itemId == 'other'")).isFalse();
	}

	@Test
	void bytesKeyFormatGivesTheKeyAsBytes() {
		assertThat(new ExpressionEventFilter("key.length == 3 and key[0] == 107", KeyFormat.BYTES).accept(this.event))
			.isTrue();
	}

	@Test
	void expressionWithoutKafkaRecordSeesNullKeyAndRecord() {
		EventParams local = new EventParams("items", Map.of("itemId", "x"), EventMetadata.empty());
		assertThat(new ExpressionEventFilter("key == null and record == null", KeyFormat.STRING).accept(local))
			.isTrue();
	}

	@Test
	void typeReferencesAndBeanReferencesAreNotAvailable() {
		assertThatExceptionOfType(SpelEvaluationException.class)
			.isThrownBy(() -> accepts("T(java.lang.Runtime).getRuntime() != null"));
		assertThatExceptionOfType(SpelEvaluationException.class).isThrownBy(() -> accepts("@someBean != null"));
	}

	@Test
	void expressionThatDoesNotParseFailsAtOnce() {
		assertThatExceptionOfType(ParseException.class)
			.isThrownBy(() -> new ExpressionEventFilter("value.itemId == == 'x'", KeyFormat.STRING));
	}

	@Test
	void expressionReturningNoBooleanFails() {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> accepts("value.missing"));
	}

	@Test
	void expressionOfKnownTypesIsCompiledAfterItRanOften() {
		ExpressionEventFilter filter = new ExpressionEventFilter("record.partition == 2 and record.offset > 5L",
				KeyFormat.STRING);
		for (int i = 0; i < 200; i++) {
			assertThat(filter.accept(this.event)).isTrue();
		}
		SpelExpression expression = (SpelExpression) ReflectionTestUtils.getField(filter, "expression");
		assertThat(expression).isNotNull();
		assertThat(ReflectionTestUtils.getField(expression, "compiledAst")).isNotNull();
	}

	private boolean accepts(String expression) {
		return new ExpressionEventFilter(expression, KeyFormat.STRING).accept(this.event);
	}

}
