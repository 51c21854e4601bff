package dev.kafkaevents.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventHandlerMethodProcessor}.
 */
class EventHandlerMethodProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
		.withUserConfiguration(EventsConfiguration.class);

	@Test
	void handlerWithEventParamsShouldReceiveTheEvent() {
		this.contextRunner.withBean("paramsHandler", ParamsHandler.class).run((context) -> {
			EventParams event = new EventParams("orders", Map.of("id", "1"),
					EventMetadata.builder().add("trace-id", "t1").build());
			assertThat(publish(context.getBean(EventsService.class), event)).isCompleted();
			assertThat(context.getBean(ParamsHandler.class).received).containsExactly(event);
		});
	}

	@Test
	void handlerWithRecordPayloadShouldReceiveThePayloadConvertedFromAMap() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			publish(context.getBean(EventsService.class), EventParams.of("orders", Map.of("id", "1", "quantity", 2)));
			assertThat(context.getBean(OrderHandler.class).received).containsExactly(new Order("1", 2));
		});
	}

	@Test
	void handlerWithRecordPayloadShouldReceiveThePayloadConvertedFromAJsonNode() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			Object node = context.getBean(JsonMapper.class).readTree("{\"id\":\"2\",\"quantity\":3}");
			publish(context.getBean(EventsService.class), EventParams.of("orders", node));
			assertThat(context.getBean(OrderHandler.class).received).containsExactly(new Order("2", 3));
		});
	}

	@Test
	void handlerWithPayloadOfTheParameterTypeShouldReceiveItAsIs() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			Order order = new Order("3", 4);
			publish(context.getBean(EventsService.class), EventParams.of("orders", order));
			assertThat(context.getBean(OrderHandler.class).received).singleElement().isSameAs(order);
		});
	}

	@Test
	void handlerWithGenericListPayloadShouldReceiveConvertedElements() {
		this.contextRunner.withBean(OrderListHandler.class).run((context) -> {
			List<Map<String, Object>> payload = List.of(Map.of("id", "1", "quantity", 1),
					Map.of("id", "2", "quantity", 2));
			publish(context.getBean(EventsService.class), EventParams.of("batches", payload));
			assertThat(context.getBean(OrderListHandler.class).received)
				.containsExactly(List.of(new Order("1", 1), new Order("2", 2)));
		});
	}

	@Test
	void handlerWithPayloadAndMetadataShouldReceiveBoth() {
		this.contextRunner.withBean(PayloadAndMetadataHandler.class).run((context) -> {
			EventMetadata metadata = EventMetadata.builder().add("trace-id", "t1").build();
			publish(context.getBean(EventsService.class), new EventParams("texts", "hello", metadata));
			PayloadAndMetadataHandler handler = context.getBean(PayloadAndMetadataHandler.class);
			assertThat(handler.payloads).containsExactly("hello");
			assertThat(handler.metadata).containsExactly(metadata);
		});
	}

	@Test
	void handlerShouldReceiveTheKafkaRecordAfterThePayloadAndMetadataInEitherOrder() {
		this.contextRunner.withBean(KafkaRecordHandler.class).run((context) -> {
			EventMetadata metadata = EventMetadata.builder().add("trace-id", "t1").build();
			KafkaRecord record = new KafkaRecord("dev", "dev.texts", "texts-in", 1, 7, 1000,
					KafkaRecord.TimestampType.CREATE_TIME, null, null, 1);
			publish(context.getBean(EventsService.class), new EventParams("texts", "hello", metadata, record));
			publish(context.getBean(EventsService.class), new EventParams("texts", "local", metadata));
			KafkaRecordHandler handler = context.getBean(KafkaRecordHandler.class);
			assertThat(handler.records).containsExactly(record, null);
			assertThat(handler.recordsWithMetadata).containsExactly(record, null);
			assertThat(handler.metadata).containsExactly(metadata, metadata);
		});
	}

	@Test
	void handlerTakingTheSameParameterTwiceShouldFailStartup() {
		this.contextRunner.withBean("twiceHandler", TwiceHandler.class).run((context) -> {
			assertThat(context).getFailure()
				.hasMessageContaining("@EventHandler method 'handle' on bean 'twiceHandler'")
				.hasMessageContaining("but takes (String, KafkaRecord, KafkaRecord)");
		});
	}

	@Test
	void handlerWithNullPayloadShouldReceiveNull() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			publish(context.getBean(EventsService.class), EventParams.of("orders", null));
			assertThat(context.getBean(OrderHandler.class).received).containsExactly((Order) null);
		});
	}

	@Test
	void handlerReturningCompletionStageShouldBeAwaited() {
		this.contextRunner.withBean(AsyncHandler.class).run((context) -> {
			CompletableFuture<Void> future = publish(context.getBean(EventsService.class),
					EventParams.of("orders", "payload"));
			AsyncHandler handler = context.getBean(AsyncHandler.class);
			assertThat(handler.received).containsExactly("payload");
			assertThat(future).isNotDone();
			handler.stage.complete("done");
			assertThat(future).isCompleted();
		});
	}

	@Test
	void handlerExceptionShouldReachThePublishFutureUnwrapped() {
		this.contextRunner.withBean("failingHandler", FailingHandler.class).run((context) -> {
			CompletableFuture<Void> future = publish(context.getBean(EventsService.class),
					EventParams.of("orders", "payload"));
			assertThat(future).failsWithin(0, TimeUnit.SECONDS)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(EventDeliveryException.class)
				.withMessage("Subscriber \"failingHandler.handle\" failed to process event for topic \"orders\"")
				.havingCause()
				.isSameAs(FailingHandler.FAILURE);
		});
	}

	@Test
	void handlerWithUnconvertiblePayloadShouldFailThePublishFuture() {
		this.contextRunner.withBean("orderHandler", OrderHandler.class).run((context) -> {
			CompletableFuture<Void> future = publish(context.getBean(EventsService.class),
					EventParams.of("orders", Map.of("quantity", "many")));
			assertThat(future).failsWithin(0, TimeUnit.SECONDS)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(EventDeliveryException.class)
				.havingCause()
				.isInstanceOf(EventPayloadConversionException.class)
				.withMessageContaining("topic \"orders\"")
				.withMessageContaining(Order.class.getName())
				.withMessageContaining("@EventHandler method 'handle' on bean 'orderHandler'");
			assertThat(context.getBean(OrderHandler.class).received).isEmpty();
		});
	}

	@Test
	void handlerWithSeveralTopicsShouldReceiveEventsOfEach() {
		this.contextRunner.withBean(SeveralTopicsHandler.class).run((context) -> {
			EventsService eventsService = context.getBean(EventsService.class);
			publish(eventsService, EventParams.of("orders", "1"));
			publish(eventsService, EventParams.of("payments", "2"));
			publish(eventsService, EventParams.of("refunds", "3"));
			assertThat(context.getBean(SeveralTopicsHandler.class).received).containsExactly("1", "2");
		});
	}

	@Test
	void handlerTopicsAndIdShouldResolvePlaceholders() {
		this.contextRunner.withPropertyValues("app.topic=resolved", "app.id=custom")
			.withBean(PlaceholderHandler.class)
			.run((context) -> {
				CompletableFuture<Void> future = publish(context.getBean(EventsService.class),
						EventParams.of("resolved", "payload"));
				assertThat(future).failsWithin(0, TimeUnit.SECONDS)
					.withThrowableThat()
					.havingCause()
					.withMessage("Subscriber \"custom\" failed to process event for topic \"resolved\"");
			});
	}

	@Test
	void handlersShouldBeInvokedInRegistrationOrder() {
		List<String> invocations = new ArrayList<>();
		this.contextRunner.withBean("first", NamedHandler.class, () -> new NamedHandler("first", invocations))
			.withBean("second", NamedHandler.class, () -> new NamedHandler("second", invocations))
			.withBean("third", NamedHandler.class, () -> new NamedHandler("third", invocations))
			.run((context) -> {
				publish(context.getBean(EventsService.class), EventParams.of("orders", "payload"));
				assertThat(invocations).containsExactly("first", "second", "third");
			});
	}

	@Test
	void handlerOnProxiedBeanShouldBeInvokedThroughTheProxy() {
		AtomicInteger intercepted = new AtomicInteger();
		ParamsHandler target = new ParamsHandler();
		this.contextRunner.withBean("proxiedHandler", ParamsHandler.class, () -> proxy(target, intercepted))
			.run((context) -> {
				assertThat(AopUtils.isCglibProxy(context.getBean(ParamsHandler.class))).isTrue();
				publish(context.getBean(EventsService.class), EventParams.of("orders", "payload"));
				assertThat(target.received).hasSize(1);
				assertThat(intercepted).hasValue(1);
			});
	}

	@Test
	void handlerOnLazyBeanShouldCreateTheBeanOnFirstEvent() {
		this.contextRunner
			.withBean("lazyHandler", ParamsHandler.class, ParamsHandler::new,
					(definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context.getBeanFactory().containsSingleton("lazyHandler")).isFalse();
				publish(context.getBean(EventsService.class), EventParams.of("orders", "payload"));
				assertThat(context.getBeanFactory().containsSingleton("lazyHandler")).isTrue();
				assertThat(context.getBean(ParamsHandler.class).received).hasSize(1);
			});
	}

	@Test
	void handlerShouldBeSubscribedBeforeLifecycleBeansStart() {
		this.contextRunner.withBean("paramsHandler", ParamsHandler.class)
			.withBean(StartupPublisher.class)
			.run((context) -> {
				assertThat(context.getBean(StartupPublisher.class).future).isCompleted();
				assertThat(context.getBean(ParamsHandler.class).received).extracting(EventParams::topic)
					.containsExactly("orders");
			});
	}

	@Test
	void handlerWithInvalidParametersShouldFailStartup() {
		this.contextRunner.withBean("invalidParametersHandler", InvalidParametersHandler.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("@EventHandler method 'handle' on bean 'invalidParametersHandler'")
				.hasMessageContaining(InvalidParametersHandler.class.getName() + ".handle")
				.hasMessageContaining(
						"must take (EventParams) or (T payload) parameters, the payload optionally followed "
								+ "by EventMetadata and KafkaRecord parameters")
				.hasMessageContaining("but takes (String, String)");
		});
	}

	@Test
	void handlerWithEventParamsAndMetadataShouldFailStartup() {
		this.contextRunner.withBean("paramsAndMetadataHandler", ParamsAndMetadataHandler.class).run((context) -> {
			assertThat(context).getFailure()
				.hasMessageContaining("@EventHandler method 'handle' on bean 'paramsAndMetadataHandler'")
				.hasMessageContaining("but takes (EventParams, EventMetadata)");
		});
	}

	@Test
	void handlerReturningAValueShouldAnswerARequest() {
		this.contextRunner.withBean("answeringHandler", AnsweringHandler.class).run((context) -> {
			EventReply reply = new EventReply();
			EventParams request = EventParams.of("orders", Map.of("id", "1")).withReply(reply);
			assertThat(publish(context.getBean(EventsService.class), request)).isCompleted();
			assertThat(reply.getAnswer()).isEqualTo("answer to 1");
		});
	}

	@Test
	void handlerReturningAValueShouldIgnoreItForAnEventThatIsNotARequest() {
		this.contextRunner.withBean("answeringHandler", AnsweringHandler.class).run((context) -> {
			assertThat(publish(context.getBean(EventsService.class), EventParams.of("orders", Map.of("id", "1"))))
				.isCompleted();
			assertThat(context.getBean(AnsweringHandler.class).calls).hasValue(1);
		});
	}

	@Test
	void handlerReturningAStageShouldAnswerWithItsValueOnceItCompletes() {
		this.contextRunner.withBean("stageAnsweringHandler", StageAnsweringHandler.class).run((context) -> {
			EventReply reply = new EventReply();
			CompletableFuture<Void> published = context.getBean(EventsService.class)
				.publish(EventParams.of("orders", Map.of("id", "2")).withReply(reply));
			assertThat(published).isNotDone();
			assertThat(reply.getAnswer()).isNull();
			context.getBean(StageAnsweringHandler.class).answer.complete("answer to 2");
			assertThat(published).isCompleted();
			assertThat(reply.getAnswer()).isEqualTo("answer to 2");
		});
	}

	@Test
	void handlerWithoutTopicsShouldFailStartup() {
		this.contextRunner.withBean("noTopicsHandler", NoTopicsHandler.class).run((context) -> {
			assertThat(context).getFailure()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("@EventHandler method 'handle' on bean 'noTopicsHandler'")
				.hasMessageContaining("must declare one or more topics");
		});
	}

	@Test
	void handlersShouldBeUnsubscribedWhenTheContextCloses() {
		InMemoryEventsService delegate = new InMemoryEventsService();
		List<String> unsubscribed = new ArrayList<>();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withBean(EventsService.class, () -> new RecordingEventsService(delegate, unsubscribed))
			.withBean(EventHandlerMethodProcessor.class)
			.withBean("paramsHandler", ParamsHandler.class)
			.run((context) -> {
				publish(delegate, EventParams.of("orders", "payload"));
				assertThat(context.getBean(ParamsHandler.class).received).hasSize(1);
			});
		assertThat(unsubscribed).containsExactly("paramsHandler.handle");
		assertThat(publish(delegate, EventParams.of("orders", "payload"))).isCompleted();
	}

	@Test
	void processorWithoutHandlersShouldNotNeedAnEventsService() {
		new ApplicationContextRunner().withBean(EventHandlerMethodProcessor.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static CompletableFuture<Void> publish(EventsService eventsService, EventParams event) {
		return eventsService.publish(event);
	}

	private static ParamsHandler proxy(ParamsHandler target, AtomicInteger intercepted) {
		ProxyFactory proxyFactory = new ProxyFactory(target);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice((MethodInterceptor) (invocation) -> {
			intercepted.incrementAndGet();
			return invocation.proceed();
		});
		return (ParamsHandler) proxyFactory.getProxy();
	}

	record Order(String id, int quantity) {

	}

	@Configuration(proxyBeanMethods = false)
	static class EventsConfiguration {

		@Bean
		InMemoryEventsService eventsService() {
			return new InMemoryEventsService();
		}

		@Bean
		static EventHandlerMethodProcessor eventHandlerMethodProcessor(ObjectProvider<EventsService> eventsService,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new EventHandlerMethodProcessor(eventsService, jsonMapper);
		}

	}

	static class ParamsHandler {

		final List<EventParams> received = new ArrayList<>();

		@EventHandler("orders")
		public void handle(EventParams event) {
			this.received.add(event);
		}

	}

	static class OrderHandler {

		final List<Order> received = new ArrayList<>();

		@EventHandler(topics = "orders")
		void handle(Order order) {
			this.received.add(order);
		}

	}

	static class OrderListHandler {

		final List<List<Order>> received = new ArrayList<>();

		@EventHandler("batches")
		void handle(List<Order> orders) {
			this.received.add(orders);
		}

	}

	static class KafkaRecordHandler {

		final List<KafkaRecord> records = new ArrayList<>();

		final List<KafkaRecord> recordsWithMetadata = new ArrayList<>();

		final List<EventMetadata> metadata = new ArrayList<>();

		@EventHandler("texts")
		void handle(String payload, KafkaRecord record) {
			this.records.add(record);
		}

		@EventHandler("texts")
		void handle(String payload, KafkaRecord record, EventMetadata metadata) {
			this.recordsWithMetadata.add(record);
			this.metadata.add(metadata);
		}

	}

	static class TwiceHandler {

		@EventHandler("texts")
		void handle(String payload, KafkaRecord record, KafkaRecord again) {
		}

	}

	static class PayloadAndMetadataHandler {

		final List<String> payloads = new ArrayList<>();

		final List<EventMetadata> metadata = new ArrayList<>();

		@EventHandler("texts")
		void handle(String payload, EventMetadata metadata) {
			this.payloads.add(payload);
			this.metadata.add(metadata);
		}

	}

	static class AsyncHandler {

		final List<Object> received = new ArrayList<>();

		final CompletableFuture<String> stage = new CompletableFuture<>();

		@EventHandler("orders")
		CompletionStage<String> handle(Object payload) {
			this.received.add(payload);
			return this.stage;
		}

	}

	static class FailingHandler {

		static final IllegalStateException FAILURE = new IllegalStateException("Handler failed");

		@EventHandler("orders")
		void handle(EventParams event) {
			throw FAILURE;
		}

	}

	static class SeveralTopicsHandler {

		final List<String> received = new ArrayList<>();

		@EventHandler({ "orders", "payments" })
		void handle(String payload) {
			this.received.add(payload);
		}

	}

	static class PlaceholderHandler {

		@EventHandler(topics = "${app.topic}", id = "${app.id}")
		void handle(EventParams event) {
			throw new IllegalStateException("Placeholder handler failed");
		}

	}

	static class NamedHandler {

		private final String name;

		private final List<String> invocations;

		NamedHandler(String name, List<String> invocations) {
			this.name = name;
			this.invocations = invocations;
		}

		@EventHandler("orders")
		void handle(EventParams event) {
			this.invocations.add(this.name);
		}

	}

	static class StartupPublisher implements SmartLifecycle {

		private final EventsService eventsService;

		private volatile boolean running;

		volatile @Nullable CompletableFuture<Void> future;

		StartupPublisher(EventsService eventsService) {
			this.eventsService = eventsService;
		}

		@Override
		public void start() {
			this.future = this.eventsService.publish(EventParams.of("orders", "startup"));
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	static class InvalidParametersHandler {

		@EventHandler("orders")
		void handle(String payload, String other) {
		}

	}

	static class ParamsAndMetadataHandler {

		@EventHandler("orders")
		void handle(EventParams event, EventMetadata metadata) {
		}

	}

	static class AnsweringHandler {

		final AtomicInteger calls = new AtomicInteger();

		@EventHandler("orders")
		String handle(Map<String, Object> order) {
			this.calls.incrementAndGet();
			return "answer to " + order.get("id");
		}

	}

	static class StageAnsweringHandler {

		final CompletableFuture<String> answer = new CompletableFuture<>();

		@EventHandler("orders")
		CompletionStage<String> handle(Map<String, Object> order) {
			return this.answer;
		}

	}

	static class NoTopicsHandler {

		@EventHandler
		void handle(EventParams event) {
		}

	}

	static class RecordingEventsService implements EventsService {

		private final EventsService delegate;

		private final List<String> unsubscribed;

		RecordingEventsService(EventsService delegate, List<String> unsubscribed) {
			this.delegate = delegate;
			this.unsubscribed = unsubscribed;
		}

		@Override
		public CompletableFuture<Void> publish(EventParams params) {
			return this.delegate.publish(params);
		}

		@Override
		public EventSubscription subscribe(String id, Collection<String> topics, EventSubscriber subscriber) {
			EventSubscription subscription = this.delegate.subscribe(id, topics, subscriber);
			return new RecordingSubscription(subscription, this.unsubscribed);
		}

	}

	static class RecordingSubscription implements EventSubscription {

		private final EventSubscription delegate;

		private final List<String> unsubscribed;

		RecordingSubscription(EventSubscription delegate, List<String> unsubscribed) {
			this.delegate = delegate;
			this.unsubscribed = unsubscribed;
		}

		@Override
		public String id() {
			return this.delegate.id();
		}

		@Override
		public Set<String> topics() {
			return this.delegate.topics();
		}

		@Override
		public void unsubscribe() {
			this.unsubscribed.add(this.delegate.id());
			this.delegate.unsubscribe();
		}

	}

}
