package dev.kafkaevents.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * {@code @EventHandler} beans of the sample: they receive catalog entity events with a
 * typed payload, wherever the events come from.
 *
 * @author kafka-events
 */
@Component
public class CatalogEventHandlers {

	private static final Log logger = LogFactory.getLog(CatalogEventHandlers.class);

	private final List<EntityEvent> created = new CopyOnWriteArrayList<>();

	@EventHandler("catalog.entity.created")
	void onCreated(EntityEvent event, EventMetadata metadata) {
		logger.info("Entity created: " + event.entityRef() + " (kind " + event.kind() + ", owner " + event.owner()
				+ ", metadata " + metadata.asMap() + ")");
		this.created.add(event);
	}

	/**
	 * Return the entities created so far.
	 * @return the created entities
	 */
	public List<EntityEvent> getCreated() {
		return List.copyOf(this.created);
	}

}
