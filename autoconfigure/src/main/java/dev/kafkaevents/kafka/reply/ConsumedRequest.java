package dev.kafkaevents.kafka.reply;

import dev.kafkaevents.events.EventReply;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A consumed record that is a request: where to answer it, its correlation id, and the
 * answer its handlers give.
 *
 * @param record the request record
 * @param replyTopic the topic to answer to
 * @param replyPartition the partition to answer to, or {@code null} for the producer's
 * choice
 * @param correlationId the correlation id, as sent
 * @param reply the answer of the handlers
 * @author kafka-events
 */
public record ConsumedRequest(ConsumerRecord<byte[], byte[]> record, String replyTopic,
		@Nullable Integer replyPartition, byte[] correlationId, EventReply reply) {

}
