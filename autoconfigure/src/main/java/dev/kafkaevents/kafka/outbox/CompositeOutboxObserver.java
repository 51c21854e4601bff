package dev.kafkaevents.kafka.outbox;

import java.time.Duration;
import java.util.List;

/**
 * Tells several observers, in order.
 *
 * @author kafka-events
 */
public class CompositeOutboxObserver implements OutboxObserver {

	private final List<OutboxObserver> observers;

	/**
	 * Create a new composite.
	 * @param observers the observers
	 */
	public CompositeOutboxObserver(List<OutboxObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	@Override
	public void written(String mappingId) {
		this.observers.forEach((observer) -> observer.written(mappingId));
	}

	@Override
	public void sent(String mappingId, Duration latency) {
		this.observers.forEach((observer) -> observer.sent(mappingId, latency));
	}

	@Override
	public void failed(String mappingId, boolean givenUp) {
		this.observers.forEach((observer) -> observer.failed(mappingId, givenUp));
	}

}
