package dev.kafkaevents.kafka.reply;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the requests sent through one publishing mapping.
 *
 * @author kafka-events
 */
public final class RequestStatistics {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder replies = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final LongAdder lateReplies = new LongAdder();

	void started() {
		this.inFlight.incrementAndGet();
	}

	void replied() {
		this.inFlight.decrementAndGet();
		this.replies.increment();
	}

	void errorReplied() {
		this.inFlight.decrementAndGet();
		this.errors.increment();
	}

	void timedOut() {
		this.inFlight.decrementAndGet();
		this.timeouts.increment();
	}

	void failed() {
		this.inFlight.decrementAndGet();
		this.failures.increment();
	}

	void lateReply() {
		this.lateReplies.increment();
	}

	/**
	 * Return the requests waiting for their reply.
	 * @return the requests in flight
	 */
	public int getInFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return the requests that got a reply.
	 * @return the replies
	 */
	public long getReplies() {
		return this.replies.sum();
	}

	/**
	 * Return the requests that got an error reply.
	 * @return the error replies
	 */
	public long getErrors() {
		return this.errors.sum();
	}

	/**
	 * Return the requests that got no reply in time.
	 * @return the timeouts
	 */
	public long getTimeouts() {
		return this.timeouts.sum();
	}

	/**
	 * Return the requests that could not be sent.
	 * @return the send failures
	 */
	public long getFailures() {
		return this.failures.sum();
	}

	/**
	 * Return the replies that arrived after their request had timed out.
	 * @return the late replies
	 */
	public long getLateReplies() {
		return this.lateReplies.sum();
	}

}
