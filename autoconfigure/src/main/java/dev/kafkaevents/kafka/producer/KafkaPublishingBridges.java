package dev.kafkaevents.kafka.producer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kafkaevents.events.EventsService;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The publishing bridges of the application: {@link #subscribe(EventsService) subscribed}
 * as soon as the events service exists, holding events until the application context
 * starts them; when it stops, the bridges stop accepting events and then the producers
 * send what is pending and close. Destroyed without having started, they fail the events
 * they hold.
 * <p>
 * They run in {@link #PHASE}: started before and stopped after the consuming bridges and
 * the web server, so that relayed records and events published by requests completing
 * during a graceful shutdown still reach Kafka.
 *
 * @author kafka-events
 */
public class KafkaPublishingBridges implements SmartLifecycle, DisposableBean {

	/**
	 * Lifecycle phase of the publishing bridges.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final List<KafkaPublishingBridge> bridges;

	private final KafkaPublishingTemplates templates;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * Create a new instance.
	 * @param bridges the bridges, one per publishing mapping
	 * @param templates the templates the bridges send with
	 */
	public KafkaPublishingBridges(List<KafkaPublishingBridge> bridges, KafkaPublishingTemplates templates) {
		Assert.notNull(bridges, "'bridges' must not be null");
		Assert.notNull(templates, "'templates' must not be null");
		this.bridges = List.copyOf(bridges);
		this.templates = templates;
	}

	/**
	 * Return every bridge, in configuration order.
	 * @return the bridges
	 */
	public List<KafkaPublishingBridge> getBridges() {
		return this.bridges;
	}

	/**
	 * Find the bridge of a mapping.
	 * @param mappingId the id of the publishing mapping
	 * @return the bridge, if any
	 */
	public Optional<KafkaPublishingBridge> find(String mappingId) {
		return this.bridges.stream().filter((bridge) -> bridge.getMapping().id().equals(mappingId)).findFirst();
	}

	/**
	 * Subscribe every bridge to its events topic, holding events until they start.
	 * @param eventsService the events service to subscribe to
	 */
	public void subscribe(EventsService eventsService) {
		this.bridges.forEach((bridge) -> bridge.subscribe(eventsService));
	}

	@Override
	public void start() {
		if (this.running.compareAndSet(false, true)) {
			this.bridges.forEach(KafkaPublishingBridge::start);
		}
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false)) {
			this.bridges.forEach(KafkaPublishingBridge::stop);
			this.templates.close();
		}
	}

	@Override
	public void destroy() {
		this.bridges.forEach(KafkaPublishingBridge::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running.get();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
