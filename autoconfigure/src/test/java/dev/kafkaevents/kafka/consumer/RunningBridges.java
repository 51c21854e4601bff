package dev.kafkaevents.kafka.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.events.InMemoryEventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates and starts {@link KafkaConsumingBridge}s, each publishing to an in-memory
 * events service, and stops and closes them after each test.
 *
 * @author kafka-events
 */
final class RunningBridges implements AfterEachCallback {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final List<KafkaConsumingBridge> bridges = new CopyOnWriteArrayList<>();

	private final List<InMemoryEventsService> eventsServices = new CopyOnWriteArrayList<>();

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	InMemoryEventsService eventsService() {
		InMemoryEventsService eventsService = new InMemoryEventsService();
		this.eventsServices.add(eventsService);
		return eventsService;
	}

	KafkaConsumingBridge start(ConsumingMapping mapping, EventSubscriber subscriber) {
		InMemoryEventsService eventsService = eventsService();
		eventsService.subscribe("recording", List.of(mapping.eventsTopic()), subscriber);
		return start(mapping, eventsService);
	}

	KafkaConsumingBridge start(ConsumingMapping mapping, EventsService eventsService) {
		return start(mapping, eventsService, List.of());
	}

	KafkaConsumingBridge start(ConsumingMapping mapping, EventsService eventsService,
			List<ConsumingObserver> observers) {
		KafkaConsumingBridge bridge = create(mapping, eventsService, observers);
		bridge.start();
		return bridge;
	}

	KafkaConsumingBridge create(ConsumingMapping mapping, EventsService eventsService,
			List<ConsumingObserver> observers) {
		KafkaConsumingBridge bridge = new KafkaConsumingBridge(mapping, eventsService, this.jsonMapper, (event) -> {
		}, observers, List.of());
		this.bridges.add(bridge);
		return bridge;
	}

	void stop(KafkaConsumingBridge bridge) {
		if (this.bridges.remove(bridge)) {
			bridge.stop();
			bridge.close();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.bridges.forEach(this::stop);
		this.eventsServices.forEach(InMemoryEventsService::destroy);
		this.eventsServices.clear();
	}

}
