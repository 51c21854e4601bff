package dev.kafkaevents.autoconfigure.kafka;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.events.EventHandler;

/**
 * Records the payloads of the {@code catalog} events topic, for the connection tests.
 *
 * @author kafka-events
 */
class CatalogEventsRecorder {

	final Queue<Map<String, Object>> payloads = new ConcurrentLinkedQueue<>();

	@EventHandler("catalog")
	void onCatalogEvent(Map<String, Object> payload) {
		this.payloads.add(payload);
	}

}
