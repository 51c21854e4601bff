package dev.kafkaevents.events;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The answer to an event that is a request: the first non-null value a subscriber gives.
 * <p>
 * A consumed Kafka record that carries a reply topic and a correlation id becomes an
 * event with a reply ({@link EventParams#reply()}). An {@link EventHandler} method
 * answers it by returning a value (or a {@code CompletionStage} of one); any other
 * subscriber may call {@link #answer(Object)}. An {@link EventParams} answer also carries
 * metadata. The consuming bridge sends the answer once every subscriber has finished.
 *
 * @author kafka-events
 */
public final class EventReply {

	private final AtomicReference<@Nullable Object> answer = new AtomicReference<>();

	/**
	 * Answer the request, unless another subscriber already did.
	 * @param answer the payload of the reply, or an {@link EventParams} for a payload
	 * with metadata; {@code null} is no answer
	 * @return whether this answer is the one sent
	 */
	public boolean answer(@Nullable Object answer) {
		return answer != null && this.answer.compareAndSet(null, answer);
	}

	/**
	 * Return the answer given so far.
	 * @return the answer, or {@code null} while no subscriber has answered
	 */
	public @Nullable Object getAnswer() {
		return this.answer.get();
	}

	@Override
	public String toString() {
		return "EventReply[answered=" + (this.answer.get() != null) + "]";
	}

}
