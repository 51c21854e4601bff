package dev.kafkaevents.kafka.producer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

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
 * sent back (it completes at once). Once {@link #subscribe(EventsService) subscribed} and
 * until {@link #start() started}, the bridge holds the events it receives, up to
 * {@link #HELD_EVENTS_LIMIT}, and sends them in order when it starts, on a thread of its
 * own. Once {@link #stop() stopped}, the bridge stays subscribed and fails every event,
 * and the events it still holds, with an {@link IllegalStateException} naming the
 * mapping, so that no event is ever dropped silently.
 * <p>
 * A bridge built with a {@link PublishingRecordWriter} (an {@code outbox}-backed mapping)
 * hands each record to the writer instead, from the first event on: the stage completes
 * once the record is written, and nothing is held.
 *
 * @author kafka-events
 */
public class KafkaPublishingBridge implements EventSubscriber {

	/**
	 * Prefix of the subscriber id, followed by the events topic, as in Backstage.
	 */
	public static final String SUBSCRIBER_ID_PREFIX = "kafka:publisher:";

	/**
	 * Number of events a bridge holds before it starts; later ones fail at once.
	 */
	public static final int HELD_EVENTS_LIMIT = 10_000;

	private static final Log logger = LogFactory.getLog(KafkaPublishingBridge.class);

	private final PublishingMapping mapping;

	private final KafkaTemplate<byte[], byte[]> template;

	private final KafkaEventSender sender;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final HeldEvents heldEvents = new HeldEvents(HELD_EVENTS_LIMIT);

	private final boolean writes;

	private volatile State state = State.NEW;

	private @Nullable EventSubscription subscription;

	/**
	 * Create a new bridge for the given mapping.
	 * @param mapping the publishing mapping
	 * @param template the template that sends the mapping's records
	 * @param jsonMapper the mapper that writes payloads other than text and bytes
	 */
	public KafkaPublishingBridge(PublishingMapping mapping, KafkaTemplate<byte[], byte[]> template,
			JsonMapper jsonMapper) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.mapping = mapping;
		this.template = template;
		this.sender = new KafkaEventSender(mapping, template, jsonMapper);
		this.writes = false;
	}

	/**
	 * Create a new bridge for the given mapping that hands its records to a writer, such
	 * as the outbox, instead of sending them. Such a bridge holds no events before it
	 * starts: the writer writes them at once, in the publisher's transaction.
	 * @param mapping the publishing mapping
	 * @param template the template of the mapping
	 * @param jsonMapper the mapper that writes payloads other than text and bytes
	 * @param writer the writer the records go to
	 */
	public KafkaPublishingBridge(PublishingMapping mapping, KafkaTemplate<byte[], byte[]> template,
			JsonMapper jsonMapper, PublishingRecordWriter writer) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.notNull(writer, "'writer' must not be null");
		this.mapping = mapping;
		this.template = template;
		this.sender = new KafkaEventSender(mapping, template, jsonMapper, writer);
		this.writes = true;
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
	 * Subscribe to the events topic of the mapping, if not subscribed yet, holding the
	 * events until the bridge starts.
	 * @param eventsService the events service to subscribe to
	 */
	public void subscribe(EventsService eventsService) {
		Assert.notNull(eventsService, "'eventsService' must not be null");
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			if (this.subscription == null) {
				this.subscription = eventsService.subscribe(getSubscriberId(), List.of(this.mapping.eventsTopic()),
						this);
			}
		}
		finally {
			writeLock.unlock();
		}
		logger.info(LogMessage.format(
				"%ssubscribed to events topic '%s' as '%s', publishing to Kafka topic '%s' on brokers %s", logPrefix(),
				this.mapping.eventsTopic(), getSubscriberId(), this.mapping.kafkaTopic(), this.mapping.brokers()));
	}

	/**
	 * Accept events, first sending the events held since the bridge subscribed, in order
	 * and on a thread of its own; events received meanwhile are sent after them.
	 * @throws IllegalStateException if the bridge has not subscribed
	 */
	public void start() {
		int held;
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			Assert.state(this.subscription != null, () -> logPrefix() + "cannot start before it has subscribed");
			if (this.state == State.SENDING_HELD || this.state == State.RUNNING) {
				return;
			}
			held = this.heldEvents.size();
			this.state = (held > 0) ? State.SENDING_HELD : State.RUNNING;
		}
		finally {
			writeLock.unlock();
		}
		if (held > 0) {
			startSendingHeldEvents(held);
		}
	}

	private void startSendingHeldEvents(int held) {
		logger.info(LogMessage.format("%ssending %d events published before it started", logPrefix(), held));
		Thread sender = new Thread(this::sendHeldEvents, "kafka-events-" + this.mapping.id() + "-held-events");
		sender.setDaemon(true);
		sender.start();
	}

	private void sendHeldEvents() {
		for (HeldEvents.HeldEvent held = nextHeldEvent(); held != null; held = nextHeldEvent()) {
			send(held);
		}
	}

	private void send(HeldEvents.HeldEvent held) {
		this.sender.send(held.event()).whenComplete((sent, ex) -> complete(held.future(), ex));
	}

	private HeldEvents.@Nullable HeldEvent nextHeldEvent() {
		if (this.state == State.STOPPED) {
			return null;
		}
		HeldEvents.HeldEvent held = this.heldEvents.next();
		if (held != null) {
			return held;
		}
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			held = this.heldEvents.next();
			if (held == null && this.state == State.SENDING_HELD) {
				this.state = State.RUNNING;
			}
			return held;
		}
		finally {
			writeLock.unlock();
		}
	}

	private static void complete(CompletableFuture<Void> future, @Nullable Throwable ex) {
		if (ex != null) {
			future.completeExceptionally(ex);
			return;
		}
		future.complete(null);
	}

	/**
	 * Stop accepting events, waiting for sends in progress to be handed to the producer;
	 * later events, and those still held, fail with an {@link IllegalStateException}.
	 */
	public void stop() {
		Lock writeLock = this.lock.writeLock();
		writeLock.lock();
		try {
			this.state = State.STOPPED;
		}
		finally {
			writeLock.unlock();
		}
		this.heldEvents.failAll(this::stopped);
		logger.debug(LogMessage.format("%sstopped", logPrefix()));
	}

	/**
	 * Return whether the bridge has started and not stopped.
	 * @return whether running
	 */
	public boolean isRunning() {
		State current = this.state;
		return current == State.SENDING_HELD || current == State.RUNNING;
	}

	/**
	 * Return the number of events acknowledged by the broker.
	 * @return the count of sent events
	 */
	public long getSentCount() {
		return this.sender.sentCount();
	}

	/**
	 * Return the number of events that could not be sent.
	 * @return the count of failed events
	 */
	public long getFailedCount() {
		return this.sender.failedCount();
	}

	/**
	 * Return the number of events not sent because they came from the mapping's Kafka
	 * topic on the same cluster.
	 * @return the count of skipped echoes
	 */
	public long getSkippedEchoCount() {
		return this.sender.skippedEchoCount();
	}

	/**
	 * Return the number of events the mapping's filter turned away.
	 * @return the filtered event count
	 */
	public long getFilteredCount() {
		return this.sender.filteredCount();
	}

	/**
	 * Report where the record sent for an event instance landed, until
	 * {@link #forget(EventParams)}; nothing is reported for an event that is not sent.
	 * @param event the event instance, compared by identity
	 * @param waiter called with the record once the broker acknowledged it, before the
	 * stage of {@link #onEvent(EventParams)} completes
	 */
	void reportRecord(EventParams event, Consumer<PublishedRecord> waiter) {
		this.sender.reportRecord(event, waiter);
	}

	/**
	 * Stop reporting the record sent for an event instance.
	 * @param event the event instance
	 */
	void forget(EventParams event) {
		this.sender.forget(event);
	}

	/**
	 * Send an event to the mapping's Kafka topic.
	 * @param event the event
	 * @return a future that completes when the broker acknowledged the record, or
	 * exceptionally with a {@link KafkaEventPublishingException} if sending failed, or
	 * with an {@link IllegalStateException} if the bridge is stopped, or if it has not
	 * started and already holds {@link #HELD_EVENTS_LIMIT} events
	 */
	@Override
	public CompletableFuture<Void> onEvent(EventParams event) {
		Lock readLock = this.lock.readLock();
		readLock.lock();
		try {
			return switch (this.state) {
				case NEW, SENDING_HELD -> this.writes ? this.sender.send(event) : hold(event);
				case RUNNING -> this.sender.send(event);
				case STOPPED -> CompletableFuture.failedFuture(stopped());
			};
		}
		finally {
			readLock.unlock();
		}
	}

	private CompletableFuture<Void> hold(EventParams event) {
		CompletableFuture<Void> held = this.heldEvents.hold(event);
		return (held != null) ? held : CompletableFuture.failedFuture(holdingTooMany());
	}

	private IllegalStateException stopped() {
		return new IllegalStateException("Kafka events publishing mapping '" + this.mapping.id() + "' (instance '"
				+ this.mapping.instance() + "', events topic '" + this.mapping.eventsTopic() + "' to Kafka topic '"
				+ this.mapping.kafkaTopic() + "') is stopped: the event was not sent");
	}

	private IllegalStateException holdingTooMany() {
		String when = (this.state == State.NEW) ? "has not started yet"
				: "is still sending the events published before it started";
		return new IllegalStateException("Kafka events publishing mapping '" + this.mapping.id() + "' (instance '"
				+ this.mapping.instance() + "', events topic '" + this.mapping.eventsTopic() + "') " + when
				+ " and already holds " + HELD_EVENTS_LIMIT + " events: the event was not sent");
	}

	private String logPrefix() {
		return "Kafka events mapping '" + this.mapping.id() + "' (instance '" + this.mapping.instance() + "'): ";
	}

	@Override
	public String toString() {
		return "KafkaPublishingBridge[" + this.mapping + "]";
	}

	private enum State {

		NEW, SENDING_HELD, RUNNING, STOPPED

	}

}
