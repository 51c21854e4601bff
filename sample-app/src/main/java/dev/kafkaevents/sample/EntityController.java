package dev.kafkaevents.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoint of the sample: publishes entity events, in a transaction that the outbox
 * joins, and lists what came back from Kafka.
 *
 * @author kafka-events
 */
@RestController
@RequestMapping("/entities")
class EntityController {

	private final EventsService eventsService;

	private final CatalogEventHandlers handlers;

	EntityController(EventsService eventsService, CatalogEventHandlers handlers) {
		this.eventsService = eventsService;
		this.handlers = handlers;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Transactional
	CompletableFuture<Map<String, String>> create(@RequestBody EntityEvent entity) {
		EventMetadata metadata = EventMetadata.builder().add("source", "sample-rest").build();
		return this.eventsService.publish(new EventParams("catalog.entity.created", entity, metadata))
			.thenApply((done) -> Map.of("status", "written to the outbox, sent to Kafka after commit", "entityRef",
					entity.entityRef()));
	}

	@GetMapping("/created")
	List<EntityEvent> created() {
		return this.handlers.getCreated();
	}

	@GetMapping("/received")
	List<EntityEvent> received() {
		return this.handlers.getReceived();
	}

}
