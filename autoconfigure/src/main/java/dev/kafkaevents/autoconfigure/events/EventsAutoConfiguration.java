package dev.kafkaevents.autoconfigure.events;

import dev.kafkaevents.events.EventHandlerMethodProcessor;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.events.InMemoryEventsService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the in-process {@link EventsService} and
 * {@link dev.kafkaevents.events.EventHandler @EventHandler} methods.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public final class EventsAutoConfiguration {

	EventsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(EventsService.class)
	InMemoryEventsService eventsService() {
		return new InMemoryEventsService();
	}

	@Bean
	@ConditionalOnMissingBean
	static EventHandlerMethodProcessor eventHandlerMethodProcessor(ObjectProvider<EventsService> eventsService,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new EventHandlerMethodProcessor(eventsService, jsonMapper);
	}

}
