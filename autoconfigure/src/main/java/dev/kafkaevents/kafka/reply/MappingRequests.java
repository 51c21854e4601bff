package dev.kafkaevents.kafka.reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.ValueCodec;
import dev.kafkaevents.kafka.producer.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.RequestReplyFuture;
import org.springframework.kafka.support.SendResult;

/**
 * Sends the requests of one publishing mapping and turns their replies into events: the
 * request record built as the publishing bridge builds it (value format, key, header
 * forwarding), the reply read in the mapping's value format, with its headers as metadata
 * and its record as the event's {@link KafkaRecord}.
 *
 * @author kafka-events
 */
public final class MappingRequests {

	private final PublishingMapping mapping;

	private final RequesterSettings settings;

	private final RequestReplyTemplate template;

	private final EventRecords records;

	private final ValueCodec values;

	private final String correlationHeader;

	private final RequestStatistics statistics = new RequestStatistics();

	MappingRequests(PublishingMapping mapping, RequesterSettings settings, RequestReplyTemplate template,
			EventRecords records, ValueCodec values, ReplyHeaders headers) {
		this.mapping = mapping;
		this.settings = settings;
		this.template = template;
		this.records = records;
		this.values = values;
		this.correlationHeader = headers.correlationId();
	}

	/**
	 * Return the publishing mapping the requests are sent through.
	 * @return the mapping
	 */
	public PublishingMapping getMapping() {
		return this.mapping;
	}

	/**
	 * Return how long a request waits for its reply unless the call says otherwise.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.settings.timeout(this.mapping.eventsTopic());
	}

	/**
	 * Return the topic the replies are sent to.
	 * @return the reply topic
	 */
	public String getReplyTopic() {
		return this.settings.replyTopic();
	}

	/**
	 * Return the counts of the requests sent through the mapping.
	 * @return the statistics
	 */
	public RequestStatistics getStatistics() {
		return this.statistics;
	}

	CompletableFuture<EventParams> request(EventParams event, Duration timeout) {
		ProducerRecord<byte[], byte[]> record = this.records.toRecord(event);
		CompletableFuture<Void> ready = this.template.ready();
		if (ready.isDone()) {
			return send(record, event.topic(), timeout);
		}
		return ready.copy()
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.thenCompose((ignored) -> send(record, event.topic(), timeout));
	}

	private CompletableFuture<EventParams> send(ProducerRecord<byte[], byte[]> record, String topic, Duration timeout) {
		this.statistics.started();
		RequestReplyFuture<byte[], byte[], byte[]> future;
		try {
			future = this.template.sendAndReceive(record, timeout);
		}
		catch (RuntimeException ex) {
			this.statistics.failed();
			return CompletableFuture.failedFuture(ex);
		}
		Header header = record.headers().lastHeader(this.correlationHeader);
		String correlationId = new String(header.value(), StandardCharsets.UTF_8);
		this.template.track(correlationId, this.statistics);
		Settlement result = new Settlement();
		future.getSendFuture().whenComplete((sent, failure) -> {
			if (failure != null) {
				result.fail(this.statistics::failed, unwrap(failure));
			}
		});
		future.whenComplete((reply, failure) -> {
			this.template.untrack(correlationId);
			if (failure == null) {
				complete(result, reply, topic);
			}
			else {
				fail(result, unwrap(failure), correlationId, future, timeout);
			}
		});
		return result.future;
	}

	private void complete(Settlement result, ConsumerRecord<byte[], byte[]> reply, String topic) {
		try {
			result.complete(this.statistics::replied, toEvent(reply, topic));
		}
		catch (RuntimeException ex) {
			result.fail(this.statistics::replied, ex);
		}
	}

	private void fail(Settlement result, Throwable failure, String correlationId,
			RequestReplyFuture<byte[], byte[], byte[]> future, Duration timeout) {
		String requestRecord = coordinates(future);
		if (failure instanceof KafkaReplyTimeoutException) {
			result.fail(this.statistics::timedOut,
					new KafkaRequestTimeoutException(this.mapping.id(), correlationId, requestRecord, timeout));
		}
		else if (failure instanceof RequestReplyTemplate.RemoteError error) {
			result.fail(this.statistics::errorReplied, new KafkaReplyErrorException(this.mapping.id(), correlationId,
					requestRecord, String.valueOf(error.getMessage())));
		}
		else {
			result.fail(this.statistics::failed, failure);
		}
	}

	private static @Nullable String coordinates(RequestReplyFuture<byte[], byte[], byte[]> future) {
		CompletableFuture<SendResult<byte[], byte[]>> sendFuture = future.getSendFuture();
		if (sendFuture == null || !sendFuture.isDone() || sendFuture.isCompletedExceptionally()) {
			return null;
		}
		var metadata = sendFuture.join().getRecordMetadata();
		return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
	}

	private EventParams toEvent(ConsumerRecord<byte[], byte[]> reply, String topic) {
		EventMetadata.Builder metadata = EventMetadata.builder();
		for (Header header : reply.headers()) {
			byte[] value = header.value();
			metadata.add(header.key(), (value != null) ? new String(value, StandardCharsets.UTF_8) : null);
		}
		return new EventParams(topic, this.values.read(reply.value()), metadata.build(), kafkaRecord(reply));
	}

	private KafkaRecord kafkaRecord(ConsumerRecord<byte[], byte[]> reply) {
		KafkaRecord.TimestampType type = switch (reply.timestampType()) {
			case CREATE_TIME -> KafkaRecord.TimestampType.CREATE_TIME;
			case LOG_APPEND_TIME -> KafkaRecord.TimestampType.LOG_APPEND_TIME;
			case NO_TIMESTAMP_TYPE -> KafkaRecord.TimestampType.NO_TIMESTAMP;
		};
		return new KafkaRecord(this.mapping.instance(), this.mapping.id(), reply.topic(), reply.partition(),
				reply.offset(), reply.timestamp(), type, reply.key(), reply.value(), 1);
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * The outcome of one request, settled once: counted, then completed.
	 */
	private static final class Settlement {

		private final CompletableFuture<EventParams> future = new CompletableFuture<>();

		private final AtomicBoolean settled = new AtomicBoolean();

		void complete(Runnable count, EventParams reply) {
			if (this.settled.compareAndSet(false, true)) {
				count.run();
				this.future.complete(reply);
			}
		}

		void fail(Runnable count, Throwable failure) {
			if (this.settled.compareAndSet(false, true)) {
				count.run();
				this.future.completeExceptionally(failure);
			}
		}

	}

}
