package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Subscribes the publishing bridges as soon as the events service is initialized, before
 * any bean that publishes from a constructor or {@code @PostConstruct} can use it, or at
 * the latest once every singleton exists.
 *
 * @author kafka-events
 */
class KafkaPublishingBridgesSubscriber implements BeanPostProcessor, SmartInitializingSingleton {

	private final ObjectProvider<KafkaPublishingBridges> bridges;

	private final ObjectProvider<EventsService> eventsService;

	private volatile boolean subscribed;

	KafkaPublishingBridgesSubscriber(ObjectProvider<KafkaPublishingBridges> bridges,
			ObjectProvider<EventsService> eventsService) {
		this.bridges = bridges;
		this.eventsService = eventsService;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof EventsService service && !this.subscribed) {
			subscribe(service);
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.subscribed) {
			this.eventsService.ifUnique(this::subscribe);
		}
	}

	private void subscribe(EventsService service) {
		this.subscribed = true;
		this.bridges.ifAvailable((bridges) -> bridges.subscribe(service));
	}

}
