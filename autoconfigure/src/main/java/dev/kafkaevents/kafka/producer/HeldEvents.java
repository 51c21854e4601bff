package dev.kafkaevents.kafka.producer;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

import dev.kafkaevents.events.EventParams;
import org.jspecify.annotations.Nullable;

/**
 * The events a publishing bridge received before it started, in order, up to a limit,
 * each with the future its publisher waits on.
 *
 * @author kafka-events
 */
final class HeldEvents {

	private final BlockingQueue<HeldEvent> events;

	HeldEvents(int limit) {
		this.events = new LinkedBlockingQueue<>(limit);
	}

	/**
	 * Hold an event.
	 * @param event the event
	 * @return the future of the event, or {@code null} if the limit is reached
	 */
	@Nullable CompletableFuture<Void> hold(EventParams event) {
		HeldEvent held = new HeldEvent(event, new CompletableFuture<>());
		return this.events.offer(held) ? held.future() : null;
	}

	@Nullable HeldEvent next() {
		return this.events.poll();
	}

	int size() {
		return this.events.size();
	}

	void failAll(Supplier<? extends Throwable> failure) {
		for (HeldEvent held = next(); held != null; held = next()) {
			held.future().completeExceptionally(failure.get());
		}
	}

	/**
	 * An event held until its bridge starts.
	 *
	 * @param event the event
	 * @param future the future its publisher waits on
	 */
	record HeldEvent(EventParams event, CompletableFuture<Void> future) {
	}

}
