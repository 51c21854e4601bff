package dev.kafkaevents.kafka.reply;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the requests one consuming mapping answered.
 *
 * @author kafka-events
 */
public final class AnswerStatistics {

	private final LongAdder answered = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder unanswered = new LongAdder();

	void answered() {
		this.answered.increment();
	}

	void errorAnswered() {
		this.errors.increment();
	}

	void unanswered() {
		this.unanswered.increment();
	}

	/**
	 * Return the requests answered with a handler's value.
	 * @return the replies sent
	 */
	public long getAnswered() {
		return this.answered.sum();
	}

	/**
	 * Return the requests answered with an error.
	 * @return the error replies sent
	 */
	public long getErrors() {
		return this.errors.sum();
	}

	/**
	 * Return the requests handled without any handler answering, so without a reply.
	 * @return the requests left unanswered
	 */
	public long getUnanswered() {
		return this.unanswered.sum();
	}

}
