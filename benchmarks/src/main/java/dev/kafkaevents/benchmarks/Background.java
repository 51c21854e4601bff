package dev.kafkaevents.benchmarks;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A loop run on its own thread, the way a hand-written Kafka client loop runs, whose
 * failure is reported to the thread that measures it.
 *
 * @author kafka-events
 */
final class Background implements AutoCloseable {

	private final Thread thread;

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private volatile boolean running = true;

	private Background(String name, Body body) {
		this.thread = new Thread(() -> run(body), name);
		this.thread.setDaemon(true);
	}

	static Background start(String name, Body body) {
		Background background = new Background(name, body);
		background.thread.start();
		return background;
	}

	private void run(Body body) {
		try {
			body.run(this);
		}
		catch (Throwable ex) {
			this.failure.set(ex);
		}
	}

	/**
	 * Return whether the loop should go on.
	 * @return whether running
	 */
	boolean running() {
		return this.running;
	}

	/**
	 * Throw if the loop failed.
	 */
	void check() {
		Throwable ex = this.failure.get();
		if (ex != null) {
			throw new IllegalStateException("Thread " + this.thread.getName() + " failed: " + ex, ex);
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(30_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		check();
	}

	/**
	 * The body of the loop.
	 */
	@FunctionalInterface
	interface Body {

		void run(Background background) throws Exception;

	}

}
