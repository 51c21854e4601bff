package dev.kafkaevents.test;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventSubscriber;
import org.slf4j.MDC;

import static java.util.concurrent.CompletableFuture.completedFuture;

/**
 * An {@link EventSubscriber} that records each event and the log context it ran in, and
 * fails an event whose payload has {@code "fail": true} while failures are enabled.
 *
 * @author kafka-events
 */
public final class RecordingSubscriber implements EventSubscriber {

	private final Queue<EventParams> events = new ConcurrentLinkedQueue<>();

	private final Queue<Map<String, String>> logContexts = new ConcurrentLinkedQueue<>();

	private volatile boolean failuresEnabled = true;

	@Override
	public CompletionStage<?> onEvent(EventParams event) {
		this.logContexts.add(MDC.getCopyOfContextMap());
		this.events.add(event);
		if (this.failuresEnabled && event.eventPayload() instanceof Map<?, ?> map
				&& Boolean.TRUE.equals(map.get("fail"))) {
			throw new IllegalStateException("failure requested by the record");
		}
		return completedFuture(null);
	}

	/**
	 * Return the events received so far, failed ones included.
	 * @return the events
	 */
	public Queue<EventParams> events() {
		return this.events;
	}

	/**
	 * Return the log context (MDC) of each event received.
	 * @return the log contexts
	 */
	public Queue<Map<String, String>> logContexts() {
		return this.logContexts;
	}

	/**
	 * Set whether events with {@code "fail": true} fail.
	 * @param failuresEnabled whether to fail them
	 */
	public void setFailuresEnabled(boolean failuresEnabled) {
		this.failuresEnabled = failuresEnabled;
	}

	/**
	 * Return the {@code n} field of each event received, in order.
	 * @return the numbers
	 */
	public List<Integer> numbers() {
		return this.events.stream()
			.map(EventParams::eventPayload)
			.map((payload) -> ((Number) ((Map<?, ?>) payload).get("n")).intValue())
			.toList();
	}

}
