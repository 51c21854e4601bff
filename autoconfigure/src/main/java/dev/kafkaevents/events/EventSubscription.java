package dev.kafkaevents.events;

import java.util.Set;

/**
 * Handle on a subscription made with {@link EventsService#subscribe}.
 */
public interface EventSubscription extends AutoCloseable {

	/**
	 * Return the id of the subscriber, used as a label in logs and failures.
	 * @return the subscriber id
	 */
	String id();

	/**
	 * Return the topics of this subscription.
	 * @return the unmodifiable topics
	 */
	Set<String> topics();

	/**
	 * Stop delivering events to the subscriber; calling it again has no effect.
	 */
	void unsubscribe();

	/**
	 * Same as {@link #unsubscribe()}.
	 */
	@Override
	default void close() {
		unsubscribe();
	}

}
