package dev.kafkaevents.sample;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Publishes one event in-process when the sample starts, to show an {@code @EventHandler}
 * receiving it.
 *
 * @author kafka-events
 */
@Component
class StartupEventPublisher implements ApplicationRunner {

	private final EventsService eventsService;

	StartupEventPublisher(EventsService eventsService) {
		this.eventsService = eventsService;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.eventsService.publish(EventParams.of("catalog.entity.created",
				new EntityEvent("component:default/petstore", "Component", "team-a")));
	}

}
