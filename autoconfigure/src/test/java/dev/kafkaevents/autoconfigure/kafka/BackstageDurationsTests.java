package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BackstageDurations}.
 *
 * @author kafka-events
 */
class BackstageDurationsTests {

	@ParameterizedTest
	@CsvSource({ "PT1M, 60000", "PT30S, 30000", "PT0.5S, 500", "P1D, 86400000", "P2DT6H, 194400000", "P1W, 604800000",
			"P1Y, 31536000000", "P1M, 2592000000", "P1Y2M3W4DT5H6M7S, 38898367000", "pt1m, 60000" })
	void parseReadsIsoDurations(String text, long millis) {
		assertThat(BackstageDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@CsvSource({ "500ms, 500", "0ms, 0", "30s, 30000", "1m, 60000", "2 seconds, 2000", "1h, 3600000", "1d, 86400000",
			"1w, 604800000", "1y, 31557600000", "1.5h, 5400000", ".5s, 500", "10 Minutes, 600000", "3 msecs, 3",
			"2 hrs, 7200000", "1 yr, 31557600000", "4 weeks, 2419200000" })
	void parseReadsTheMsLibrarySyntax(String text, long millis) {
		assertThat(BackstageDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@CsvSource({ "30000, 30000", "0, 0", "1500, 1500" })
	void parseReadsAPlainNumberAsMilliseconds(String text, long millis) {
		assertThat(BackstageDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "soon", "30 parsecs", "1 fortnight", "s", "-1s", "-500", "P", "PT", "P1DT", "PX",
			"1m30s", "PT-5S", "P-1D" })
	void parseRejectsTextThatIsNoDuration(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.parse(text));
	}

	@Test
	void parseRejectsADurationTooLongToRepresent() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.parse("9999999999999y"));
	}

	@Test
	void ofUnitsAddsEveryUnit() {
		Map<String, String> units = new LinkedHashMap<>();
		units.put("years", "1");
		units.put("months", "1");
		units.put("weeks", "1");
		units.put("days", "1");
		units.put("hours", "1");
		units.put("minutes", "1");
		units.put("seconds", "1");
		units.put("milliseconds", "1");
		Duration expected = Duration.ofDays(365 + 30 + 7 + 1).plusHours(1).plusMinutes(1).plusSeconds(1).plusMillis(1);
		assertThat(BackstageDurations.ofUnits(units)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "hours, 1, 3600000", "days, 1, 86400000", "minutes, 1, 60000", "seconds, 1, 1000",
			"seconds, 300, 300000", "milliseconds, 20000, 20000", "weeks, 2, 1209600000", "months, 1, 2592000000",
			"years, 1, 31536000000" })
	void ofUnitsReadsOneUnit(String unit, String amount, long millis) {
		assertThat(BackstageDurations.ofUnits(Map.of(unit, amount))).isEqualTo(Duration.ofMillis(millis));
	}

	@Test
	void ofUnitsReadsNumericStringsAndFractions() {
		assertThat(BackstageDurations.ofUnits(Map.of("seconds", " 1.5 "))).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void ofUnitsRejectsAnUnknownUnit() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.ofUnits(Map.of("fortnights", "1")))
			.withMessageContaining("unknown property 'fortnights'")
			.withMessageContaining("milliseconds");
	}

	@Test
	void ofUnitsRejectsAnEmptyObject() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.ofUnits(Map.of()))
			.withMessageContaining("needs one or more of");
	}

	@Test
	void ofUnitsRejectsAnAmountThatIsNoNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.ofUnits(Map.of("seconds", "five")))
			.withMessageContaining("'seconds' is not a number");
	}

	@Test
	void ofUnitsRejectsANegativeAmount() {
		assertThatIllegalArgumentException().isThrownBy(() -> BackstageDurations.ofUnits(Map.of("seconds", "-5")));
	}

	@Test
	void isObjectUnitKnowsTheUnitsOfTheObjectForm() {
		assertThat(BackstageDurations.isObjectUnit("seconds")).isTrue();
		assertThat(BackstageDurations.isObjectUnit("second")).isFalse();
	}

}
