package dev.kafkaevents.kafka.consumer;

import java.nio.ByteBuffer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Reads which attempt a record is from spring-kafka's retry-topic attempts header.
 *
 * @author kafka-events
 */
public final class RetryAttempts {

	private RetryAttempts() {
	}

	/**
	 * Return the attempt a record is: 1 for a record of a consumed topic, 2 for its first
	 * retry topic, and so on.
	 * @param record the record
	 * @return the attempt, 1 when the record has no valid
	 * {@value RetryTopicHeaders#DEFAULT_HEADER_ATTEMPTS} header
	 */
	public static int of(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
		byte[] value = (header != null) ? header.value() : null;
		if (value == null) {
			return 1;
		}
		int attempt = (value.length == Integer.BYTES) ? ByteBuffer.wrap(value).getInt()
				: (value.length == Byte.BYTES) ? Byte.toUnsignedInt(value[0]) : 1;
		return Math.max(attempt, 1);
	}

}
