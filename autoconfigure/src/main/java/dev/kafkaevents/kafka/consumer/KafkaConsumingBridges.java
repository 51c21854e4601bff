package dev.kafkaevents.kafka.consumer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.util.Assert;

/**
 * The consuming bridges of the application, started once the application context is
 * refreshed and stopped gracefully, in parallel, when it closes.
 *
 * @author kafka-events
 */
public class KafkaConsumingBridges implements SmartLifecycle, DisposableBean {

	private final List<KafkaConsumingBridge> bridges;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * Create a new instance.
	 * @param bridges the bridges, one per consuming mapping
	 */
	public KafkaConsumingBridges(List<KafkaConsumingBridge> bridges) {
		Assert.notNull(bridges, "'bridges' must not be null");
		this.bridges = List.copyOf(bridges);
	}

	/**
	 * Return every bridge, in configuration order.
	 * @return the bridges
	 */
	public List<KafkaConsumingBridge> getBridges() {
		return this.bridges;
	}

	/**
	 * Find the bridge of a mapping.
	 * @param mappingId the id of the consuming mapping
	 * @return the bridge, if any
	 */
	public Optional<KafkaConsumingBridge> find(String mappingId) {
		return this.bridges.stream().filter((bridge) -> bridge.getMapping().id().equals(mappingId)).findFirst();
	}

	@Override
	public void start() {
		if (this.running.compareAndSet(false, true)) {
			this.bridges.forEach(KafkaConsumingBridge::start);
		}
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false)) {
			CountDownLatch stopped = new CountDownLatch(this.bridges.size());
			this.bridges.forEach((bridge) -> bridge.stop(stopped::countDown));
			awaitUninterruptibly(stopped);
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		this.bridges.forEach(KafkaConsumingBridge::close);
	}

	@Override
	public boolean isRunning() {
		return this.running.get();
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE;
	}

}
