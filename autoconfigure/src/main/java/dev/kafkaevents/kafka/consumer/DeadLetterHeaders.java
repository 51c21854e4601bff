package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The headers kafka-events adds to a dead-letter record, besides spring-kafka's
 * {@code kafka_dlt-*} headers, and to a record it replays from a dead-letter topic.
 *
 * @author kafka-events
 */
public final class DeadLetterHeaders {

	/**
	 * Prefix of the dead-letter headers of kafka-events.
	 */
	public static final String PREFIX = "kafka-events-dlt-";

	/**
	 * When the record failed for the last time, ISO-8601 text.
	 */
	public static final String ERROR_TIME = PREFIX + "error-time";

	/**
	 * Id of the consuming mapping whose handling of the record failed.
	 */
	public static final String MAPPING = PREFIX + "mapping";

	/**
	 * On a record replayed from a dead-letter topic, and on the dead-letter record of a
	 * replayed record that failed again: where it was replayed from,
	 * {@code <dead-letter topic>-<partition>@<offset>}, one value per replay.
	 */
	public static final String REPLAYED = "kafka-events-replayed";

	private DeadLetterHeaders() {
	}

	static Headers of(ConsumingMapping mapping) {
		Headers headers = new RecordHeaders();
		headers.add(ERROR_TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
		headers.add(MAPPING, mapping.id().getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	/**
	 * Return whether a record was replayed from a dead-letter topic.
	 * @param record the record
	 * @return whether it has a {@link #REPLAYED} header
	 */
	public static boolean isReplayed(ConsumerRecord<?, ?> record) {
		return record.headers().lastHeader(REPLAYED) != null;
	}

	/**
	 * Return the text of the last value of a header.
	 * @param headers the headers
	 * @param name the header name
	 * @return the value as UTF-8 text, or {@code null} if there is none
	 */
	public static @Nullable String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
