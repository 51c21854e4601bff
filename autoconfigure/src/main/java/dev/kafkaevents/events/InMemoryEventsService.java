package dev.kafkaevents.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * {@link EventsService} that delivers events to subscribers in the same JVM, invoking
 * them on the publishing thread in registration order.
 * <p>
 * A subscriber that returns an incomplete stage does not hold up the next one; the future
 * returned by {@link #publish} completes when all of them have finished. A failed
 * subscriber never stops the others: it is logged at {@code WARN} and reported through an
 * {@link EventDeliveryException}. Subscribing and unsubscribing copy the subscriber list
 * of a topic, so that publishing takes no lock.
 */
public class InMemoryEventsService implements EventsService, DisposableBean {

	private static final Log logger = LogFactory.getLog(InMemoryEventsService.class);

	private static final Subscription[] NO_SUBSCRIPTIONS = {};

	private final ConcurrentMap<String, Subscription[]> subscriptions = new ConcurrentHashMap<>();

	private volatile boolean destroyed;

	/**
	 * Invoke the subscribers of the event's topic in registration order on the calling
	 * thread.
	 * @param params the event
	 * @return a future that completes when every subscriber has finished, exceptionally
	 * with an {@link EventDeliveryException} if any of them failed
	 */
	@Override
	public CompletableFuture<Void> publish(EventParams params) {
		Assert.notNull(params, "'params' must not be null");
		if (this.destroyed) {
			return CompletableFuture.failedFuture(shuttingDown());
		}
		Subscription[] subscriptions = this.subscriptions.getOrDefault(params.topic(), NO_SUBSCRIPTIONS);
		return switch (subscriptions.length) {
			case 0 -> CompletableFuture.completedFuture(null);
			case 1 -> deliver(subscriptions[0], params);
			default -> deliver(subscriptions, params);
		};
	}

	private CompletableFuture<Void> deliver(Subscription subscription, EventParams params) {
		CompletionStage<?> stage = invoke(subscription, params);
		if (EventStages.isCompletedNormally(stage)) {
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> future = new CompletableFuture<>();
		stage.whenComplete((result, ex) -> complete(future, subscription, params.topic(), ex));
		return future;
	}

	private static void complete(CompletableFuture<Void> future, Subscription subscription, String topic,
			@Nullable Throwable ex) {
		if (ex == null) {
			future.complete(null);
			return;
		}
		Throwable cause = logFailure(subscription, topic, ex);
		future.completeExceptionally(new EventDeliveryException(topic, List.of(subscription.id), List.of(cause)));
	}

	private CompletableFuture<Void> deliver(Subscription[] subscriptions, EventParams params) {
		Delivery delivery = new Delivery(params.topic(), subscriptions);
		for (int i = 0; i < subscriptions.length; i++) {
			delivery.track(i, invoke(subscriptions[i], params));
		}
		return delivery.future;
	}

	private static CompletionStage<?> invoke(Subscription subscription, EventParams params) {
		try {
			CompletionStage<?> stage = subscription.subscriber.onEvent(params);
			return (stage != null) ? stage : EventStages.COMPLETED;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Throwable logFailure(Subscription subscription, String topic, Throwable ex) {
		Throwable cause = EventStages.unwrap(ex);
		logger.warn(
				LogMessage.format("Subscriber \"%s\" failed to process event for topic \"%s\"", subscription.id, topic),
				cause);
		return cause;
	}

	/**
	 * Add the subscriber after the existing subscribers of each topic.
	 * @param id the subscriber id, a label for logs and failures
	 * @param topics the topics, matched exactly
	 * @param subscriber the subscriber
	 * @return the handle to unsubscribe with
	 */
	@Override
	public EventSubscription subscribe(String id, Collection<String> topics, EventSubscriber subscriber) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notEmpty(topics, "'topics' must not be empty");
		topics.forEach((topic) -> Assert.hasText(topic, "'topics' must not contain an empty topic"));
		Assert.notNull(subscriber, "'subscriber' must not be null");
		if (this.destroyed) {
			throw shuttingDown();
		}
		Subscription subscription = new Subscription(id, topics, subscriber);
		subscription.topics.forEach((topic) -> this.subscriptions.merge(topic, new Subscription[] { subscription },
				InMemoryEventsService::append));
		logger.debug(LogMessage.format("Subscribed \"%s\" to topics %s", id, subscription.topics));
		return subscription;
	}

	private static Subscription[] append(Subscription[] current, Subscription[] added) {
		Subscription[] subscriptions = Arrays.copyOf(current, current.length + added.length);
		System.arraycopy(added, 0, subscriptions, current.length, added.length);
		return subscriptions;
	}

	private static Subscription @Nullable [] remove(Subscription[] current, Subscription removed) {
		Subscription[] subscriptions = Arrays.stream(current)
			.filter((subscription) -> subscription != removed)
			.toArray(Subscription[]::new);
		return (subscriptions.length > 0) ? subscriptions : null;
	}

	private static IllegalStateException shuttingDown() {
		return new IllegalStateException("Events service is shutting down");
	}

	/**
	 * Stop accepting events and subscriptions, and drop all subscriptions.
	 */
	@Override
	public void destroy() {
		this.destroyed = true;
		this.subscriptions.clear();
	}

	/**
	 * A subscriber registered for some topics.
	 */
	private final class Subscription implements EventSubscription {

		private final String id;

		private final Set<String> topics;

		private final EventSubscriber subscriber;

		private final AtomicBoolean active = new AtomicBoolean(true);

		Subscription(String id, Collection<String> topics, EventSubscriber subscriber) {
			this.id = id;
			this.topics = Collections.unmodifiableSet(new LinkedHashSet<>(topics));
			this.subscriber = subscriber;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public Set<String> topics() {
			return this.topics;
		}

		@Override
		public void unsubscribe() {
			if (this.active.compareAndSet(true, false)) {
				this.topics.forEach((topic) -> InMemoryEventsService.this.subscriptions.computeIfPresent(topic,
						(key, current) -> remove(current, this)));
				logger.debug(LogMessage.format("Unsubscribed \"%s\" from topics %s", this.id, this.topics));
			}
		}

		@Override
		public String toString() {
			return "EventSubscription{id=\"" + this.id + "\", topics=" + this.topics + "}";
		}

	}

	/**
	 * Delivery of one event to several subscribers, completing its future when the last
	 * one finishes.
	 */
	private static final class Delivery {

		private final CompletableFuture<Void> future = new CompletableFuture<>();

		private final String topic;

		private final Subscription[] subscriptions;

		private final AtomicInteger pending;

		private @Nullable Throwable @Nullable [] failures;

		Delivery(String topic, Subscription[] subscriptions) {
			this.topic = topic;
			this.subscriptions = subscriptions;
			this.pending = new AtomicInteger(subscriptions.length);
		}

		void track(int index, CompletionStage<?> stage) {
			if (EventStages.isCompletedNormally(stage)) {
				finished();
				return;
			}
			stage.whenComplete((result, ex) -> finished(index, ex));
		}

		private void finished(int index, @Nullable Throwable ex) {
			if (ex != null) {
				failed(index, logFailure(this.subscriptions[index], this.topic, ex));
			}
			finished();
		}

		private synchronized void failed(int index, Throwable cause) {
			if (this.failures == null) {
				this.failures = new Throwable[this.subscriptions.length];
			}
			this.failures[index] = cause;
		}

		private void finished() {
			if (this.pending.decrementAndGet() == 0) {
				complete();
			}
		}

		private void complete() {
			@Nullable Throwable[] failures = failures();
			if (failures == null) {
				this.future.complete(null);
				return;
			}
			this.future.completeExceptionally(failure(failures));
		}

		private synchronized @Nullable Throwable @Nullable [] failures() {
			return this.failures;
		}

		private EventDeliveryException failure(@Nullable Throwable[] failures) {
			List<String> ids = new ArrayList<>();
			List<Throwable> causes = new ArrayList<>();
			for (int i = 0; i < failures.length; i++) {
				Throwable cause = failures[i];
				if (cause != null) {
					ids.add(this.subscriptions[i].id);
					causes.add(cause);
				}
			}
			return new EventDeliveryException(this.topic, ids, causes);
		}

	}

}
