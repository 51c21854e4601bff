package dev.kafkaevents.kafka.producer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.EventSubscription;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.log.LogMessage;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.Assert;

/**
 * The events to Kafka bridge of one publishing mapping: a subscriber of the mapping's
 * events topic, with Backstage's id {@code kafka:publisher:<events topic>}, that sends
 * each event to the mapping's Kafka topic.
 * <p>
 * Sends are asynchronous: the stage returned for an event completes when the broker has
 * acknowledged the record, or exceptionally with a {@link KafkaEventPublishingException}
 * when the send failed; failures are logged and counted. An event whose
 * {@link KafkaEventOrigin origin} is the mapping's Kafka topic on the same cluster is not
 * sent back (it completes at once). Once {@link #stop() stopped}, the bridge stays
 * subscribed and fails every event with an {@link IllegalStateException} naming the
 * mapping, so that an event published during shutdown is never dropped silently.
 *
 * @author kafka-events
 */
public class KafkaPublishingBridge implements EventSubscriber {

	/**
	 * Prefix of the subscriber id, followed by the events topic, as in Backstage.
	 */
	public static final String SUBSCRIBER_ID_PREFIX = "kafka:publisher:";

	private static final Log logger = LogFactory.getLog(KafkaPublishingBridge.class);

	private final PublishingMapping mapping;

	private final EventsService eventsService;

	private final KafkaTemplate<byte[], byte[]> template;

	private final EventRecords records;

	private final String echoOrigin;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private volatile boolean running;

	private @Nullable EventSubscription subscription;

	private final AtomicLong sentCount = new AtomicLong();

	private final AtomicLong failedCount = new AtomicLong();

	private final AtomicLong skippedEchoCount = new AtomicLong();

	/**
	 * Create a new bridge for the given mapping.
	 * @param mapping the publishing mapping
	 * @param eventsService the events service to subscribe to
	 * @param template the template that sends the mapping's records
	 * @param jsonMapper the mapper that writes payloads other than text and bytes
	 */
	public KafkaPublishingBridge(PublishingMapping mapping, EventsService eventsService,
			KafkaTemplate<byte[], byte[]> template, JsonMapper jsonMapper) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(eventsService, "'eventsService' must not be null");
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.mapping = mapping;
		this.eventsService = eventsService;
		this.template = template;
		this.records = new EventRecords(mapping, jsonMapper);
		this.echoOrigin = KafkaEventOrigin.of(mapping.brokers(), mapping.kafkaTopic());
	}

	/**
	 * Return the mapping this bridge serves.
	 * @return the mapping
	 */
	public PublishingMapping getMapping() {
		return this.mapping;
	}

	/**
	 * Return the id this bridge subscribes with: {@code kafka:publisher:<events topic>}.
	 * @return the subscriber id
	 */
	public String getSubscriberId() {
		return SUBSCRIBER_ID_PREFIX + this.mapping.eventsTopic();
	}

	/**
	 * Return the template the records are sent with.
	 * @return the template
	 */
	public KafkaTemplate<byte[], byte[]> getTemplate() {
		return this.template;
	}

	/**
	 * Subscribe to the events topic, if not subscribed yet, and accept events.
	 */
	public void start() {
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			if (this.subscription == null) {
				this.subscription = this.eventsService.subscribe(getSubscriberId(), List.of(this.mapping.eventsTopic()),
						this);
			}
			this.running = true;
		}
		finally {
			writeLock.unlock();
		}
		logger.info(LogMessage.format(
				"%ssubscribed to events topic '%s' as '%s', publishing to Kafka topic '%s' on brokers %s", logPrefix(),
				this.mapping.eventsTopic(), getSubscriberId(), this.mapping.kafkaTopic(), this.mapping.brokers()));
	}

	/**
	 * Stop accepting events, waiting for sends in progress to be handed to the producer;
	 * later events fail with an {@link IllegalStateException}.
	 */
	public void stop() {
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			this.running = false;
		}
		finally {
			writeLock.unlock();
		}
		logger.debug(LogMessage.format("%sstopped", logPrefix()));
	}

	/**
	 * Return whether the bridge accepts events.
	 * @return whether running
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the number of events acknowledged by the broker.
	 * @return the count of sent events
	 */
	public long getSentCount() {
		return this.sentCount.get();
	}

	/**
	 * Return the number of events that could not be sent.
	 * @return the count of failed events
	 */
	public long getFailedCount() {
		return this.failedCount.get();
	}

	/**
	 * Return the number of events not sent because they came from the mapping's Kafka
	 * topic on the same cluster.
	 * @return the count of skipped echoes
	 */
	public long getSkippedEchoCount() {
		return this.skippedEchoCount.get();
	}

	/**
	 * Send an event to the mapping's Kafka topic.
	 * @param event the event
	 * @return a future that completes when the broker acknowledged the record, or
	 * exceptionally with a {@link KafkaEventPublishingException} if sending failed, or
	 * with an {@link IllegalStateException} if the bridge is stopped
	 */
	@Override
	public CompletableFuture<Void> onEvent(EventParams event) {
		Lock readLock = this.lock.readLock();
		readLock.lock();
		try {
			if (!this.running) {
				return CompletableFuture.failedFuture(stopped());
			}
			if (isEcho(event)) {
				return skipEcho();
			}
			return send(event);
		}
		finally {
			readLock.unlock();
		}
	}

	private boolean isEcho(EventParams event) {
		return event.metadata().getAll(KafkaEventOrigin.METADATA_NAME).contains(this.echoOrigin);
	}

	private CompletableFuture<Void> skipEcho() {
		this.skippedEchoCount.incrementAndGet();
		logger.debug(LogMessage.format("%sskipped an event that came from Kafka topic '%s' of the same cluster",
				logPrefix(), this.mapping.kafkaTopic()));
		return CompletableFuture.completedFuture(null);
	}

	private CompletableFuture<Void> send(EventParams event) {
		CompletableFuture<Void> result = new CompletableFuture<>();
		try {
			this.template.send(this.records.toRecord(event)).whenComplete((sent, ex) -> completed(result, ex));
		}
		catch (RuntimeException ex) {
			completed(result, ex);
		}
		return result;
	}

	private void completed(CompletableFuture<Void> result, @Nullable Throwable ex) {
		if (ex == null) {
			this.sentCount.incrementAndGet();
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

	private IllegalStateException stopped() {
		return new IllegalStateException("Kafka events publishing mapping '" + this.mapping.id() + "' (instance '"
				+ this.mapping.instance() + "', events topic '" + this.mapping.eventsTopic() + "' to Kafka topic '"
				+ this.mapping.kafkaTopic() + "') is stopped: the event was not sent");
	}

	private String logPrefix() {
		return "Kafka events mapping '" + this.mapping.id() + "' (instance '" + this.mapping.instance() + "'): ";
	}

	@Override
	public String toString() {
		return "KafkaPublishingBridge[" + this.mapping + "]";
	}

}
