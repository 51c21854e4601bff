package dev.kafkaevents.kafka.reply;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.kafkaevents.events.EventDeliveryException;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.events.EventReply;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.format.InvalidRecordValueException;
import dev.kafkaevents.kafka.format.ValueCodec;
import dev.kafkaevents.kafka.producer.MetadataHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Answers the requests one consuming mapping consumes: recognises a request by its reply
 * topic and correlation id headers, and once its handlers have finished sends their
 * answer (written in the mapping's value format; the metadata of an {@link EventParams}
 * answer as headers, but {@code authorization}) or, when they failed on the last attempt,
 * an error reply with the failure's message alone.
 *
 * @author kafka-events
 */
public final class RequestAnswerer {

	private static final Log logger = LogFactory.getLog(RequestAnswerer.class);

	private static final int MAX_ERROR_LENGTH = 1000;

	private static final MetadataHeaders REPLY_METADATA = new MetadataHeaders(
			new HeaderForwarding(true, List.of(), HeaderForwarding.DEFAULT_BLACKLIST));

	private final ConsumingMapping mapping;

	private final ReplyHeaders headers;

	private final KafkaTemplate<byte[], byte[]> template;

	private final ValueCodec values;

	private final AnswerStatistics statistics = new AnswerStatistics();

	/**
	 * Create a new instance.
	 * @param mapping the consuming mapping
	 * @param headers the header names
	 * @param template the template replies are sent with, on the mapping's cluster
	 * @param values the codec of the mapping's value format
	 */
	public RequestAnswerer(ConsumingMapping mapping, ReplyHeaders headers, KafkaTemplate<byte[], byte[]> template,
			ValueCodec values) {
		this.mapping = mapping;
		this.headers = headers;
		this.template = template;
		this.values = values;
	}

	/**
	 * Return the consuming mapping.
	 * @return the mapping
	 */
	public ConsumingMapping getMapping() {
		return this.mapping;
	}

	/**
	 * Return the counts of the requests answered.
	 * @return the statistics
	 */
	public AnswerStatistics getStatistics() {
		return this.statistics;
	}

	/**
	 * Return the request a record carries, if it carries one.
	 * @param record the record
	 * @return the request, or {@code null} for a record without a reply topic or
	 * correlation id
	 */
	public @Nullable ConsumedRequest requestOf(ConsumerRecord<byte[], byte[]> record) {
		Headers recordHeaders = record.headers();
		Header replyTopic = recordHeaders.lastHeader(this.headers.replyTopic());
		if (replyTopic == null || replyTopic.value() == null) {
			return null;
		}
		Header correlationId = recordHeaders.lastHeader(this.headers.correlationId());
		if (correlationId == null || correlationId.value() == null) {
			return null;
		}
		Header partition = recordHeaders.lastHeader(this.headers.replyPartition());
		Integer replyPartition = (partition != null && partition.value() != null && partition.value().length == 4)
				? ByteBuffer.wrap(partition.value()).getInt() : null;
		return new ConsumedRequest(record, new String(replyTopic.value(), StandardCharsets.UTF_8), replyPartition,
				correlationId.value(), new EventReply());
	}

	/**
	 * Answer a request once its handlers have finished.
	 * @param request the request
	 * @param handled the outcome of its handlers
	 * @param deliveryAttempt the delivery attempt of the record, from {@code 1}
	 * @return the outcome of the record: completes once the reply is acknowledged, fails
	 * as the handlers did (after the error reply, on their last attempt)
	 */
	public CompletableFuture<Void> answer(ConsumedRequest request, CompletableFuture<Void> handled,
			int deliveryAttempt) {
		return handled
			.handle((result, failure) -> (failure != null) ? failed(request, unwrap(failure), deliveryAttempt)
					: answered(request))
			.thenCompose((outcome) -> outcome);
	}

	private CompletableFuture<Void> answered(ConsumedRequest request) {
		Object answer = request.reply().getAnswer();
		if (answer == null) {
			this.statistics.unanswered();
			if (logger.isDebugEnabled()) {
				logger.debug("No handler of mapping '" + this.mapping.id() + "' answered request "
						+ coordinates(request) + "; no reply sent");
			}
			return CompletableFuture.completedFuture(null);
		}
		ProducerRecord<byte[], byte[]> reply;
		try {
			reply = reply(request, answer);
		}
		catch (RuntimeException ex) {
			return failed(request, ex, Integer.MAX_VALUE);
		}
		return this.template.send(reply).thenRun(this.statistics::answered);
	}

	private ProducerRecord<byte[], byte[]> reply(ConsumedRequest request, Object answer) {
		EventParams event = (answer instanceof EventParams params) ? params : null;
		byte[] value = this.values.write((event != null) ? event.eventPayload() : answer);
		List<Header> metadata = (event != null) ? REPLY_METADATA.headers(event.metadata()) : null;
		List<Header> replyHeaders = new ArrayList<>((metadata != null) ? metadata : List.of());
		return record(request, value, replyHeaders);
	}

	private CompletableFuture<Void> failed(ConsumedRequest request, Throwable failure, int deliveryAttempt) {
		if (!isLastAttempt(failure, deliveryAttempt)) {
			return CompletableFuture.failedFuture(failure);
		}
		List<Header> errorHeaders = new ArrayList<>(1);
		errorHeaders
			.add(new RecordHeader(this.headers.error(), errorMessage(failure).getBytes(StandardCharsets.UTF_8)));
		return this.template.send(record(request, null, errorHeaders)).handle((sent, sendFailure) -> {
			if (sendFailure == null) {
				this.statistics.errorAnswered();
			}
			else {
				failure.addSuppressed(unwrap(sendFailure));
			}
			return null;
		}).thenCompose((ignored) -> CompletableFuture.failedFuture(failure));
	}

	private ProducerRecord<byte[], byte[]> record(ConsumedRequest request, byte @Nullable [] value,
			List<Header> replyHeaders) {
		replyHeaders.add(new RecordHeader(this.headers.correlationId(), request.correlationId()));
		return new ProducerRecord<>(request.replyTopic(), request.replyPartition(), request.record().key(), value,
				replyHeaders);
	}

	private boolean isLastAttempt(Throwable failure, int deliveryAttempt) {
		if (deliveryAttempt >= this.mapping.retry().attempts()) {
			return true;
		}
		for (Throwable each = failure; each != null; each = each.getCause()) {
			if (each instanceof InvalidRecordValueException || each instanceof EventPayloadConversionException) {
				return true;
			}
			for (Class<? extends Exception> type : this.mapping.retry().notRetryable()) {
				if (type.isInstance(each)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Return the message an error reply carries: the message of the handler's failure, or
	 * its simple class name when it has none, never a stack trace nor a cause.
	 * @param failure the failure
	 * @return the message
	 */
	static String errorMessage(Throwable failure) {
		Throwable cause = (failure instanceof EventDeliveryException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String message = cause.getMessage();
		String text = (message != null && !message.isBlank()) ? message : cause.getClass().getSimpleName();
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
	}

	private static String coordinates(ConsumedRequest request) {
		ConsumerRecord<?, ?> record = request.record();
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
