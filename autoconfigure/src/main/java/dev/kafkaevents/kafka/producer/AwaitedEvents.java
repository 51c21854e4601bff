package dev.kafkaevents.kafka.producer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import dev.kafkaevents.events.EventParams;
import org.jspecify.annotations.Nullable;

/**
 * The events, by identity, whose publishers wait for the record a sender produces for
 * them; finding none costs one emptiness check while nobody waits.
 *
 * @author kafka-events
 */
final class AwaitedEvents {

	private final ConcurrentMap<Identity, Consumer<PublishedRecord>> waiters = new ConcurrentHashMap<>();

	/**
	 * Report the record produced for an event to a waiter, until {@link #remove}.
	 * @param event the event instance
	 * @param waiter the waiter
	 */
	void register(EventParams event, Consumer<PublishedRecord> waiter) {
		this.waiters.put(new Identity(event), waiter);
	}

	/**
	 * Stop reporting the record produced for an event.
	 * @param event the event instance
	 */
	void remove(EventParams event) {
		this.waiters.remove(new Identity(event));
	}

	/**
	 * Return the waiter of an event.
	 * @param event the event instance
	 * @return its waiter, or {@code null} when nobody waits for it
	 */
	@Nullable Consumer<PublishedRecord> waiter(EventParams event) {
		return this.waiters.isEmpty() ? null : this.waiters.get(new Identity(event));
	}

	/**
	 * An event compared by identity: two equal events published at once are two events.
	 *
	 * @param event the event instance
	 */
	private record Identity(EventParams event) {

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Identity identity && identity.event == this.event;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.event);
		}

	}

}
