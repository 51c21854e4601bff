package dev.kafkaevents.test;

import dev.kafkaevents.events.EventHandlerMethodProcessor;
import dev.kafkaevents.events.EventsService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Subscribes the {@link dev.kafkaevents.events.EventHandler @EventHandler} methods of
 * plain objects to an events service, as the application does with its beans.
 *
 * @author kafka-events
 */
public final class EventHandlers {

	private EventHandlers() {
	}

	/**
	 * Subscribe every handler method of the given objects, converting payloads with the
	 * given mapper.
	 * @param eventsService the events service
	 * @param jsonMapper the mapper that converts payloads to the parameter types
	 * @param handlers the objects declaring handler methods
	 */
	public static void subscribe(EventsService eventsService, JsonMapper jsonMapper, Object... handlers) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("eventsService", eventsService);
		beanFactory.registerSingleton("jsonMapper", jsonMapper);
		for (int i = 0; i < handlers.length; i++) {
			beanFactory.registerSingleton("handler" + i, handlers[i]);
		}
		EventHandlerMethodProcessor processor = new EventHandlerMethodProcessor(
				beanFactory.getBeanProvider(EventsService.class), beanFactory.getBeanProvider(JsonMapper.class));
		processor.setBeanFactory(beanFactory);
		processor.afterSingletonsInstantiated();
	}

}
