package dev.kafkaevents.kafka.producer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.KafkaEventFilter;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.log.LogMessage;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends the events of a publishing mapping to its Kafka topic without waiting, or hands
 * their records to a {@link PublishingRecordWriter} (the outbox), unless they came from
 * that topic on the same cluster, and counts what was sent, what failed and what was
 * skipped.
 *
 * @author kafka-events
 */
final class KafkaEventSender {

	private static final Log logger = LogFactory.getLog(KafkaPublishingBridge.class);

	private final PublishingMapping mapping;

	private final KafkaTemplate<byte[], byte[]> template;

	private final EventRecords records;

	private final String echoOrigin;

	private final AtomicLong sentCount = new AtomicLong();

	private final AtomicLong failedCount = new AtomicLong();

	private final AtomicLong skippedEchoCount = new AtomicLong();

	private final AtomicLong filteredCount = new AtomicLong();

	private final @Nullable KafkaEventFilter filter;

	private final AwaitedEvents awaitedEvents = new AwaitedEvents();

	private final @Nullable PublishingRecordWriter writer;

	KafkaEventSender(PublishingMapping mapping, KafkaTemplate<byte[], byte[]> template, JsonMapper jsonMapper) {
		this(mapping, template, jsonMapper, null);
	}

	KafkaEventSender(PublishingMapping mapping, KafkaTemplate<byte[], byte[]> template, JsonMapper jsonMapper,
			@Nullable PublishingRecordWriter writer) {
		this.writer = writer;
		this.mapping = mapping;
		this.template = template;
		this.records = new EventRecords(mapping, jsonMapper);
		this.echoOrigin = KafkaEventOrigin.of(mapping.brokers(), mapping.kafkaTopic());
		this.filter = mapping.filter();
	}

	/**
	 * Send an event, or skip it if it is an echo or the mapping's filter turns it away.
	 * @param event the event
	 * @return a future that completes when the broker acknowledged the record, at once
	 * for a skipped event, or exceptionally with a {@link KafkaEventPublishingException}
	 */
	CompletableFuture<Void> send(EventParams event) {
		if (isEcho(event)) {
			return skipEcho();
		}
		try {
			if (this.filter != null && !this.filter.accept(event)) {
				this.filteredCount.incrementAndGet();
				return CompletableFuture.completedFuture(null);
			}
		}
		catch (RuntimeException ex) {
			CompletableFuture<Void> result = new CompletableFuture<>();
			completed(result, null, null, ex);
			return result;
		}
		return sendRecord(event);
	}

	/**
	 * Report the record sent for an event instance to a waiter, until {@link #forget}.
	 * @param event the event instance
	 * @param waiter the waiter, called before the future of the send completes
	 */
	void reportRecord(EventParams event, Consumer<PublishedRecord> waiter) {
		this.awaitedEvents.register(event, waiter);
	}

	/**
	 * Stop reporting the record sent for an event instance.
	 * @param event the event instance
	 */
	void forget(EventParams event) {
		this.awaitedEvents.remove(event);
	}

	long sentCount() {
		return this.sentCount.get();
	}

	long failedCount() {
		return this.failedCount.get();
	}

	long skippedEchoCount() {
		return this.skippedEchoCount.get();
	}

	long filteredCount() {
		return this.filteredCount.get();
	}

	private boolean isEcho(EventParams event) {
		return event.metadata().getAll(KafkaEventOrigin.METADATA_NAME).contains(this.echoOrigin);
	}

	private CompletableFuture<Void> skipEcho() {
		this.skippedEchoCount.incrementAndGet();
		logger
			.debug(LogMessage.format(
					"Kafka events mapping '%s' (instance '%s'): skipped an event that came from Kafka topic '%s' of "
							+ "the same cluster",
					this.mapping.id(), this.mapping.instance(), this.mapping.kafkaTopic()));
		return CompletableFuture.completedFuture(null);
	}

	private CompletableFuture<Void> sendRecord(EventParams event) {
		CompletableFuture<Void> result = new CompletableFuture<>();
		Consumer<PublishedRecord> waiter = this.awaitedEvents.waiter(event);
		try {
			ProducerRecord<byte[], byte[]> record = this.records.toRecord(event);
			if (this.writer != null) {
				this.writer.write(this.mapping, record)
					.whenComplete((written, ex) -> completed(result, null, null, ex));
			}
			else {
				this.template.send(record).whenComplete((sent, ex) -> completed(result, waiter, sent, ex));
			}
		}
		catch (RuntimeException ex) {
			completed(result, null, null, ex);
		}
		return result;
	}

	private void completed(CompletableFuture<Void> result, @Nullable Consumer<PublishedRecord> waiter,
			@Nullable SendResult<byte[], byte[]> sent, @Nullable Throwable ex) {
		if (ex == null) {
			this.sentCount.incrementAndGet();
			if (waiter != null && sent != null) {
				waiter.accept(PublishedRecord.of(this.mapping.id(), this.mapping.instance(), sent.getRecordMetadata()));
			}
			result.complete(null);
			return;
		}
		KafkaEventPublishingException failure = new KafkaEventPublishingException(this.mapping, unwrap(ex));
		this.failedCount.incrementAndGet();
		logger.error(failure.getMessage());
		result.completeExceptionally(failure);
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof KafkaException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
