package dev.kafkaevents.kafka.reply;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.Assert;

/**
 * Names of the Kafka headers that carry request-reply: the same on the requesting and the
 * answering side, spring-kafka's by default so that a {@code ReplyingKafkaTemplate} or a
 * {@code @SendTo} listener interoperates.
 *
 * @param correlationId header with the correlation id of a request, copied to its reply
 * @param replyTopic header with the topic a request is answered to, as UTF-8 text
 * @param replyPartition header with the partition a request is answered to, as a 4-byte
 * big-endian integer; without it the producer picks the partition
 * @param error header of an error reply, with the remote error message as UTF-8 text
 * @author kafka-events
 */
public record ReplyHeaders(String correlationId, String replyTopic, String replyPartition, String error) {

	/**
	 * Name of the error header by default.
	 */
	public static final String DEFAULT_ERROR = "kafka-events-error";

	/**
	 * spring-kafka's header names, and {@link #DEFAULT_ERROR}.
	 */
	public static final ReplyHeaders DEFAULT = new ReplyHeaders(KafkaHeaders.CORRELATION_ID, KafkaHeaders.REPLY_TOPIC,
			KafkaHeaders.REPLY_PARTITION, DEFAULT_ERROR);

	/**
	 * Create a new instance, checking that every name has text.
	 * @param correlationId correlation id header
	 * @param replyTopic reply topic header
	 * @param replyPartition reply partition header
	 * @param error error header
	 */
	public ReplyHeaders {
		Assert.hasText(correlationId, "'correlationId' must not be empty");
		Assert.hasText(replyTopic, "'replyTopic' must not be empty");
		Assert.hasText(replyPartition, "'replyPartition' must not be empty");
		Assert.hasText(error, "'error' must not be empty");
	}

}
