package dev.kafkaevents.autoconfigure.kafka;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration forms Backstage's configuration accepts: ISO-8601 ({@code PT1M},
 * {@code P1W}), the {@code ms} library's syntax ({@code 30s}, {@code 2 seconds},
 * {@code 1w}), objects of units ({@code {seconds: 5}}), and plain numbers of milliseconds
 * as Spring does.
 *
 * @author kafka-events
 */
final class BackstageDurations {

	static final String ACCEPTED_FORMS = "an ISO-8601 duration such as PT30S, a number with a unit such as 500ms, "
			+ "30s, 2 minutes or 1h, a plain number of milliseconds, or an object such as {seconds: 30}";

	private static final Pattern MS_SYNTAX = Pattern.compile(
			"^(-?\\d*\\.?\\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ISO_WITH_CALENDAR_UNITS = Pattern.compile(
			"^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$",
			Pattern.CASE_INSENSITIVE);

	private static final Map<String, Duration> OBJECT_UNITS = Map.of("years", Duration.ofDays(365), "months",
			Duration.ofDays(30), "weeks", Duration.ofDays(7), "days", Duration.ofDays(1), "hours", Duration.ofHours(1),
			"minutes", Duration.ofMinutes(1), "seconds", Duration.ofSeconds(1), "milliseconds", Duration.ofMillis(1));

	private BackstageDurations() {
	}

	/**
	 * Return whether the given lower-case name is a unit of the object form.
	 * @param name the key of the object form
	 * @return whether it names a unit
	 */
	static boolean isObjectUnit(String name) {
		return OBJECT_UNITS.containsKey(name);
	}

	/**
	 * Parse a duration given as text.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if the text is no duration
	 */
	static Duration parse(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			throw new IllegalArgumentException("the value is empty");
		}
		if (value.charAt(0) == 'P' || value.charAt(0) == 'p') {
			return notNegative(parseIso(value));
		}
		Matcher matcher = MS_SYNTAX.matcher(value);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("it is not a duration");
		}
		BigDecimal amount = new BigDecimal(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2).toLowerCase(Locale.ROOT) : "ms";
		return notNegative(multiply(unitOf(unit), amount));
	}

	/**
	 * Compute the duration of the object form, such as {@code {minutes: 1, seconds: 30}}.
	 * @param units amounts by lower-case unit name
	 * @return the duration
	 * @throws IllegalArgumentException for an unknown unit, a non-numeric amount or no
	 * units
	 */
	static Duration ofUnits(Map<String, String> units) {
		if (units.isEmpty()) {
			throw new IllegalArgumentException("it needs one or more of " + OBJECT_UNITS.keySet());
		}
		Duration total = Duration.ZERO;
		for (Map.Entry<String, String> entry : units.entrySet()) {
			Duration unit = OBJECT_UNITS.get(entry.getKey());
			if (unit == null) {
				throw new IllegalArgumentException("unknown property '" + entry.getKey() + "', use one or more of "
						+ String.join(", ", OBJECT_UNITS.keySet()));
			}
			total = total.plus(multiply(unit, number(entry.getKey(), entry.getValue())));
		}
		return notNegative(total);
	}

	private static Duration notNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("a duration must not be negative");
		}
		return duration;
	}

	private static BigDecimal number(String unit, String value) {
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + unit + "' is not a number");
		}
	}

	private static Duration parseIso(String value) {
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			Matcher matcher = ISO_WITH_CALENDAR_UNITS.matcher(value);
			if (!matcher.matches() || value.equalsIgnoreCase("P") || value.toUpperCase(Locale.ROOT).endsWith("T")) {
				throw new IllegalArgumentException("it is not an ISO-8601 duration");
			}
			Duration[] units = { Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1),
					Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1) };
			Duration total = Duration.ZERO;
			for (int i = 0; i < units.length; i++) {
				String amount = matcher.group(i + 1);
				total = (amount != null) ? total.plus(multiply(units[i], new BigDecimal(amount))) : total;
			}
			return total;
		}
	}

	private static Duration unitOf(String unit) {
		return switch (unit) {
			case "ms", "msec", "msecs", "millisecond", "milliseconds" -> Duration.ofMillis(1);
			case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
			case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
			case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
			case "d", "day", "days" -> Duration.ofDays(1);
			case "w", "week", "weeks" -> Duration.ofDays(7);
			default -> Duration.ofMillis(31_557_600_000L);
		};
	}

	private static Duration multiply(Duration unit, BigDecimal amount) {
		BigDecimal nanos = new BigDecimal(unit.toNanos()).multiply(amount);
		try {
			return Duration.ofNanos(nanos.toBigInteger().longValueExact());
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("it is too long");
		}
	}

}
