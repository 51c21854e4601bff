package dev.kafkaevents.autoconfigure.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventHandlerMethodProcessor;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventSubscriber;
import dev.kafkaevents.events.EventSubscription;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.events.InMemoryEventsService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventsAutoConfiguration}.
 */
class EventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class));

	@Test
	void runShouldCreateEventsServiceAndProcessor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EventsService.class);
			assertThat(context).hasSingleBean(InMemoryEventsService.class);
			assertThat(context).hasSingleBean(EventHandlerMethodProcessor.class);
		});
	}

	@Test
	void runShouldSubscribeEventHandlersWithTheApplicationJsonMapper() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			CompletableFuture<Void> future = context.getBean(EventsService.class)
				.publish(EventParams.of("orders", Map.of("id", "1", "quantity", 2)));
			assertThat(future).isCompleted();
			assertThat(context.getBean(OrderHandler.class).received).containsExactly(new Order("1", 2));
		});
	}

	@Test
	void runWithUserJsonMapperShouldUseItToConvertPayloads() {
		this.contextRunner.withUserConfiguration(CaseInsensitiveJsonMapperConfiguration.class)
			.withBean("orderHandler", OrderHandler.class)
			.run((context) -> {
				context.getBean(EventsService.class)
					.publish(EventParams.of("orders", Map.of("ID", "1", "Quantity", 2)));
				assertThat(context.getBean(OrderHandler.class).received).containsExactly(new Order("1", 2));
			});
	}

	@Test
	void runWithoutJacksonAutoConfigurationShouldUseDefaultJsonMapper() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class))
			.withBean("orderHandler", OrderHandler.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JsonMapper.class);
				context.getBean(EventsService.class)
					.publish(EventParams.of("orders", Map.of("id", "1", "quantity", 2)));
				assertThat(context.getBean(OrderHandler.class).received).containsExactly(new Order("1", 2));
			});
	}

	@Test
	void runWithUserEventsServiceShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserEventsServiceConfiguration.class)
			.withBean("orderHandler", OrderHandler.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EventsService.class);
				assertThat(context).doesNotHaveBean(InMemoryEventsService.class);
				assertThat(context).hasSingleBean(EventHandlerMethodProcessor.class);
				assertThat(context.getBean(RecordingEventsService.class).subscribedIds)
					.containsExactly("orderHandler.handle");
			});
	}

	@Test
	void runWithUserEventHandlerMethodProcessorShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventHandlerMethodProcessor.class);
			assertThat(context).hasBean("customProcessor");
		});
	}

	@Test
	void closeShouldDestroyTheEventsService() {
		List<EventsService> services = new ArrayList<>();
		this.contextRunner.run((context) -> services.add(context.getBean(EventsService.class)));
		assertThat(services.get(0).publish(EventParams.of("orders", "payload"))).isCompletedExceptionally();
	}

	record Order(String id, int quantity) {

	}

	static class OrderHandler {

		final List<Order> received = new ArrayList<>();

		@EventHandler("orders")
		void handle(Order order) {
			this.received.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CaseInsensitiveJsonMapperConfiguration {

		@Bean
		JsonMapper customJsonMapper() {
			return JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEventsServiceConfiguration {

		@Bean
		RecordingEventsService userEventsService() {
			return new RecordingEventsService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserProcessorConfiguration {

		@Bean
		static EventHandlerMethodProcessor customProcessor(ObjectProvider<EventsService> eventsService,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new EventHandlerMethodProcessor(eventsService, jsonMapper);
		}

	}

	static class RecordingEventsService implements EventsService {

		private final InMemoryEventsService delegate = new InMemoryEventsService();

		final List<String> subscribedIds = new ArrayList<>();

		@Override
		public CompletableFuture<Void> publish(EventParams params) {
			return this.delegate.publish(params);
		}

		@Override
		public EventSubscription subscribe(String id, Collection<String> topics, EventSubscriber subscriber) {
			this.subscribedIds.add(id);
			return this.delegate.subscribe(id, topics, subscriber);
		}

	}

}
