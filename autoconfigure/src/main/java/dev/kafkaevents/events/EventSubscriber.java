package dev.kafkaevents.events;

import java.util.concurrent.CompletionStage;

import org.springframework.util.Assert;
import org.springframework.util.function.ThrowingConsumer;

/**
 * Callback that processes the events of the topics it is subscribed to.
 *
 * @see EventsService#subscribe(String, java.util.Collection, EventSubscriber)
 */
@FunctionalInterface
public interface EventSubscriber {

	/**
	 * Process an event, either synchronously (throwing on failure and returning a
	 * completed stage) or asynchronously (returning a stage that completes later).
	 * @param event the event
	 * @return a stage that completes when the event is processed, or exceptionally when
	 * processing failed
	 * @throws Exception if processing failed synchronously
	 */
	CompletionStage<?> onEvent(EventParams event) throws Exception;

	/**
	 * Return a subscriber that processes each event synchronously with the given
	 * consumer.
	 * @param consumer the consumer, which may throw to report a failure
	 * @return the subscriber
	 */
	static EventSubscriber of(ThrowingConsumer<EventParams> consumer) {
		Assert.notNull(consumer, "'consumer' must not be null");
		return (event) -> {
			consumer.acceptWithException(event);
			return EventStages.COMPLETED;
		};
	}

}
