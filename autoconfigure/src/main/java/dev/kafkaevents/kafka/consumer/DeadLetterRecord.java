package dev.kafkaevents.kafka.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record of a dead-letter topic as an operator sees it: where it is, where it came
 * from, why it failed, and its key, value and headers as text. A value is cut at
 * {@value #MAX_VALUE_LENGTH} characters; the value of a header whose name says it holds a
 * secret (authorization, password, secret, token, credential, cookie, api key) is never
 * shown.
 *
 * @param topic dead-letter topic
 * @param partition partition in the dead-letter topic
 * @param offset offset in the dead-letter topic
 * @param timestamp when it was dead-lettered
 * @param originalTopic Kafka topic the record failed on
 * @param originalPartition partition it failed on, or {@code null}
 * @param originalOffset offset it failed at, or {@code null}
 * @param exceptionClass class name of the failure
 * @param exceptionMessage message of the failure, cut at 300 characters
 * @param errorTime when it failed for the last time, or {@code null} for a record
 * dead-lettered by another application
 * @param mapping id of the mapping whose handling failed, or {@code null}
 * @param replays where it was replayed from, one entry per replay; empty if it was never
 * replayed
 * @param key the key as UTF-8 text, or {@code null}
 * @param value the value as UTF-8 text, cut at {@value #MAX_VALUE_LENGTH} characters, or
 * {@code null}
 * @param valueSize size of the value in bytes, -1 for none
 * @param headers the other headers as UTF-8 text, secrets masked
 * @author kafka-events
 */
public record DeadLetterRecord(String topic, int partition, long offset, Instant timestamp,
		@Nullable String originalTopic, @Nullable Integer originalPartition, @Nullable Long originalOffset,
		@Nullable String exceptionClass, @Nullable String exceptionMessage, @Nullable Instant errorTime,
		@Nullable String mapping, List<String> replays, @Nullable String key, @Nullable String value, int valueSize,
		Map<String, String> headers) {

	/**
	 * Longest value shown, in characters.
	 */
	public static final int MAX_VALUE_LENGTH = 2048;

	private static final int MAX_MESSAGE_LENGTH = 300;

	private static final String MASK = "******";

	private static final String RETRY_TOPIC_PREFIX = "retry_topic-";

	private static final List<String> SECRET_NAMES = List.of("authorization", "password", "passwd", "secret", "token",
			"credential", "cookie", "apikey", "api-key", "api_key");

	static DeadLetterRecord of(ConsumerRecord<byte[], byte[]> record) {
		Headers headers = record.headers();
		String errorTime = DeadLetterHeaders.text(headers, DeadLetterHeaders.ERROR_TIME);
		return new DeadLetterRecord(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()),
				DeadLetterHeaders.text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC),
				intHeader(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
				longHeader(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
				DeadLetterHeaders.text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
				cut(DeadLetterHeaders.text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE), MAX_MESSAGE_LENGTH),
				(errorTime != null) ? Instant.parse(errorTime) : null,
				DeadLetterHeaders.text(headers, DeadLetterHeaders.MAPPING), replays(headers), text(record.key()),
				cut(text(record.value()), MAX_VALUE_LENGTH), (record.value() != null) ? record.value().length : -1,
				otherHeaders(headers));
	}

	/**
	 * Return whether a header is written by kafka-events or spring-kafka's dead-letter
	 * and retry-topic support rather than by the record's producer.
	 * @param name the header name
	 * @return whether it is a dead-letter, retry-topic or replay header
	 */
	static boolean isFailureHeader(String name) {
		return name.startsWith(KafkaHeaders.PREFIX + "dlt-") || name.startsWith(RETRY_TOPIC_PREFIX)
				|| name.startsWith(DeadLetterHeaders.PREFIX) || name.equals(DeadLetterHeaders.REPLAYED);
	}

	private static List<String> replays(Headers headers) {
		List<String> replays = new ArrayList<>();
		headers.headers(DeadLetterHeaders.REPLAYED).forEach((header) -> replays.add(text(header.value())));
		return replays;
	}

	private static Map<String, String> otherHeaders(Headers headers) {
		Map<String, String> others = new LinkedHashMap<>();
		for (Header header : headers) {
			if (!isFailureHeader(header.key())) {
				others.put(header.key(), isSecret(header.key()) ? MASK : String.valueOf(text(header.value())));
			}
		}
		return others;
	}

	private static boolean isSecret(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return SECRET_NAMES.stream().anyMatch(lowerCase::contains);
	}

	private static @Nullable Integer intHeader(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Integer.BYTES)
				? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	private static @Nullable Long longHeader(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Long.BYTES)
				? ByteBuffer.wrap(header.value()).getLong() : null;
	}

	private static @Nullable String text(byte @Nullable [] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static @Nullable String cut(@Nullable String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) + "..." : text;
	}

}
