package dev.kafkaevents.events;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes events to the subscribers of their topic.
 */
public interface EventsService {

	/**
	 * Deliver an event to every subscriber of its topic (exact match).
	 * @param params the event
	 * @return a future that completes when every subscriber has finished, exceptionally
	 * with an {@link EventDeliveryException} if any of them failed
	 */
	CompletableFuture<Void> publish(EventParams params);

	/**
	 * Subscribe to the given topics; ids need not be unique.
	 * @param id the subscriber id, a label for logs and failures
	 * @param topics the topics, matched exactly
	 * @param subscriber the subscriber
	 * @return the handle to unsubscribe with
	 */
	EventSubscription subscribe(String id, Collection<String> topics, EventSubscriber subscriber);

}
