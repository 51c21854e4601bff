package dev.kafkaevents.kafka.reply;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.GenericMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;
import org.springframework.kafka.support.ProducerListener;

/**
 * The {@link ReplyingKafkaTemplate} of one requesting instance: text correlation ids in
 * the configured headers, error replies recognised by their error header, and replies
 * that arrive after their request timed out counted and logged at debug rather than
 * delivered. Replies to other application instances on a shared reply topic are ignored.
 *
 * @author kafka-events
 */
final class RequestReplyTemplate extends ReplyingKafkaTemplate<byte[], byte[], byte[]> {

	private static final Log logger = LogFactory.getLog(KafkaRequests.class);

	private static final int TIMED_OUT_MEMORY = 10_000;

	private final ReplyHeaders headers;

	private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();

	private final Map<Object, RequestStatistics> pending = new ConcurrentHashMap<>();

	private final Map<Object, RequestStatistics> timedOut = Collections.synchronizedMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Object, RequestStatistics> eldest) {
			return size() > TIMED_OUT_MEMORY;
		}

	});

	RequestReplyTemplate(ProducerFactory<byte[], byte[]> producerFactory,
			GenericMessageListenerContainer<byte[], byte[]> replyContainer, ReplyHeaders headers) {
		super(producerFactory, replyContainer);
		this.headers = headers;
		setBinaryCorrelation(false);
		setSharedReplyTopic(true);
		setCorrelationHeaderName(headers.correlationId());
		setReplyTopicHeaderName(headers.replyTopic());
		setReplyPartitionHeaderName(headers.replyPartition());
		setReplyErrorChecker(this::errorOf);
		setProducerListener(new ProducerListener<>() {
		});
	}

	private @Nullable Exception errorOf(ConsumerRecord<?, ?> record) {
		Header error = record.headers().lastHeader(this.headers.error());
		if (error == null) {
			return null;
		}
		return new RemoteError((error.value() != null) ? new String(error.value(), StandardCharsets.UTF_8) : "");
	}

	/**
	 * Return a stage that completes once the reply consumer has polled for the first
	 * time, so that a reply to a request sent now is not missed.
	 * @return the stage
	 */
	CompletableFuture<Void> ready() {
		return this.firstPoll;
	}

	@Override
	public void onFirstPoll() {
		super.onFirstPoll();
		this.firstPoll.complete(null);
	}

	void track(String correlationId, RequestStatistics statistics) {
		this.pending.put(correlationId, statistics);
	}

	void untrack(String correlationId) {
		this.pending.remove(correlationId);
	}

	@Override
	protected boolean handleTimeout(Object correlationId, RequestReplyFuture<byte[], byte[], byte[]> future) {
		RequestStatistics statistics = this.pending.get(correlationId);
		if (statistics != null) {
			this.timedOut.put(correlationId, statistics);
		}
		return false;
	}

	@Override
	protected void logLateArrival(ConsumerRecord<byte[], byte[]> record, Object correlationId) {
		RequestStatistics statistics = this.timedOut.remove(correlationId);
		if (statistics == null) {
			if (logger.isTraceEnabled()) {
				logger.trace("Ignoring reply " + coordinates(record) + " to request " + correlationId
						+ " of another requester");
			}
			return;
		}
		statistics.lateReply();
		if (logger.isDebugEnabled()) {
			logger.debug("Late reply " + coordinates(record) + " to request " + correlationId
					+ ", which had timed out; dropped");
		}
	}

	private static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	/**
	 * An error reply, before it is told which request it answers.
	 */
	static final class RemoteError extends RuntimeException {

		RemoteError(String message) {
			super(message, null, false, false);
		}

	}

}
