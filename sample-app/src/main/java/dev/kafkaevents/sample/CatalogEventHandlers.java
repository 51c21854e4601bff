package dev.kafkaevents.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * {@code @EventHandler} beans of the sample: one sees entity events as they are published
 * in-process, the other sees them again after their round trip through Kafka.
 *
 * @author kafka-events
 */
@Component
public class CatalogEventHandlers {

	private static final Log logger = LogFactory.getLog(CatalogEventHandlers.class);

	private final List<EntityEvent> created = new CopyOnWriteArrayList<>();

	private final List<EntityEvent> received = new CopyOnWriteArrayList<>();

	@EventHandler("catalog.entity.created")
	void onCreated(EntityEvent event) {
		logger.info("In-process: entity created " + event.entityRef());
		this.created.add(event);
	}

	@EventHandler("catalog.entity.received")
	void onReceived(EntityEvent event, EventMetadata metadata) {
		logger.info("From Kafka: entity " + event.entityRef() + " (kind " + event.kind() + ", owner " + event.owner()
				+ ", source " + metadata.get("source") + ")");
		this.received.add(event);
	}

	/**
	 * Return the entities published in-process so far.
	 * @return the created entities
	 */
	public List<EntityEvent> getCreated() {
		return List.copyOf(this.created);
	}

	/**
	 * Return the entities that came back from Kafka so far.
	 * @return the received entities
	 */
	public List<EntityEvent> getReceived() {
		return List.copyOf(this.received);
	}

}
