package dev.kafkaevents.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link InMemoryEventsService}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InMemoryEventsServiceTests {

	private final InMemoryEventsService eventsService = new InMemoryEventsService();

	private final List<String> invocations = new CopyOnWriteArrayList<>();

	@AfterEach
	void destroyService() {
		this.eventsService.destroy();
	}

	@Test
	void publishShouldInvokeSubscribersInRegistrationOrderOnThePublishingThread() {
		List<Thread> threads = new ArrayList<>();
		for (String id : List.of("first", "second", "third")) {
			this.eventsService.subscribe(id, List.of("orders"), EventSubscriber.of((event) -> {
				threads.add(Thread.currentThread());
				this.invocations.add(id);
			}));
		}
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).isCompleted();
		assertThat(this.invocations).containsExactly("first", "second", "third");
		assertThat(threads).containsOnly(Thread.currentThread());
	}

	@Test
	void publishShouldPassTheEventToSubscribers() {
		List<EventParams> received = new ArrayList<>();
		this.eventsService.subscribe("test", List.of("orders"), EventSubscriber.of(received::add));
		EventParams event = new EventParams("orders", "payload", EventMetadata.builder().add("a", "1").build());
		this.eventsService.publish(event);
		assertThat(received).containsExactly(event);
	}

	@Test
	void publishShouldOnlyInvokeSubscribersOfTheExactTopic() {
		subscribeRecording("orders", "orders");
		subscribeRecording("ordersCreated", "orders.created");
		subscribeRecording("upperCase", "Orders");
		subscribeRecording("prefix", "order");
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("orders");
	}

	@Test
	void publishWhenSubscriberHasSeveralTopicsShouldInvokeItForEach() {
		subscribeRecording("multi", "orders", "payments");
		this.eventsService.publish(EventParams.of("orders", "payload"));
		this.eventsService.publish(EventParams.of("payments", "payload"));
		this.eventsService.publish(EventParams.of("refunds", "payload"));
		assertThat(this.invocations).containsExactly("multi", "multi");
	}

	@Test
	void publishWithoutSubscribersShouldReturnCompletedFuture() {
		subscribeRecording("other", "other");
		assertThat(this.eventsService.publish(EventParams.of("orders", "payload"))).isCompleted();
	}

	@Test
	void publishWhenSubscriberReturnsIncompleteStageShouldCompleteWhenTheStageCompletes() {
		CompletableFuture<String> stage = new CompletableFuture<>();
		this.eventsService.subscribe("async", List.of("orders"), (event) -> stage);
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).isNotDone();
		stage.complete("done");
		assertThat(future).isCompleted();
	}

	@Test
	void publishWhenSubscriberReturnsIncompleteStageShouldInvokeTheNextSubscriberWithoutWaiting() {
		CompletableFuture<String> stage = new CompletableFuture<>();
		this.eventsService.subscribe("async", List.of("orders"), (event) -> {
			this.invocations.add("async");
			return stage;
		});
		subscribeRecording("sync", "orders");
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("async", "sync");
		assertThat(future).isNotDone();
		stage.complete("done");
		assertThat(future).isCompleted();
	}

	@Test
	void publishWhenSeveralSubscribersReturnIncompleteStagesShouldCompleteWhenTheLastCompletes() {
		CompletableFuture<Void> first = new CompletableFuture<>();
		CompletableFuture<Void> second = new CompletableFuture<>();
		this.eventsService.subscribe("first", List.of("orders"), (event) -> first);
		this.eventsService.subscribe("second", List.of("orders"), (event) -> second);
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		second.complete(null);
		assertThat(future).isNotDone();
		first.complete(null);
		assertThat(future).isCompleted();
	}

	@Test
	void publishWhenStageCompletesOnAnotherThreadShouldCompleteTheFuture() {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			this.eventsService.subscribe("async", List.of("orders"),
					(event) -> CompletableFuture.runAsync(() -> this.invocations.add("async"), executor));
			subscribeRecording("sync", "orders");
			CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
			await().atMost(10, TimeUnit.SECONDS).until(future::isDone);
			assertThat(future).isCompleted();
			assertThat(this.invocations).containsExactlyInAnyOrder("async", "sync");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void publishWhenSubscriberReturnsNullShouldTreatItAsSuccess() {
		this.eventsService.subscribe("null", List.of("orders"), (event) -> null);
		this.eventsService.subscribe("otherNull", List.of("payments"), (event) -> null);
		subscribeRecording("sync", "payments");
		assertThat(this.eventsService.publish(EventParams.of("orders", "payload"))).isCompleted();
		assertThat(this.eventsService.publish(EventParams.of("payments", "payload"))).isCompleted();
	}

	@Test
	void publishWhenOnlySubscriberThrowsShouldFailTheFuture() {
		IllegalStateException failure = new IllegalStateException("boom");
		this.eventsService.subscribe("failing", List.of("orders"), EventSubscriber.of((event) -> {
			throw failure;
		}));
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).failsWithin(0, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(EventDeliveryException.class)
			.withMessage("Subscriber \"failing\" failed to process event for topic \"orders\"")
			.withCause(failure);
	}

	@Test
	void publishWhenOnlySubscriberReturnsFailedStageShouldFailTheFuture() {
		IOException failure = new IOException("boom");
		CompletableFuture<Void> stage = new CompletableFuture<>();
		this.eventsService.subscribe("failing", List.of("orders"), (event) -> stage);
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).isNotDone();
		stage.completeExceptionally(failure);
		EventDeliveryException exception = deliveryFailure(future);
		assertThat(exception.getTopic()).isEqualTo("orders");
		assertThat(exception.getSubscriberIds()).containsExactly("failing");
		assertThat(exception).hasCause(failure);
	}

	@Test
	void publishWhenOneSubscriberThrowsShouldRunTheOthersAndFailTheFuture() {
		RuntimeException failure = new RuntimeException("boom");
		subscribeRecording("before", "orders");
		this.eventsService.subscribe("failing", List.of("orders"), (event) -> {
			throw failure;
		});
		subscribeRecording("after", "orders");
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("before", "after");
		EventDeliveryException exception = deliveryFailure(future);
		assertThat(exception).hasMessage("Subscriber \"failing\" failed to process event for topic \"orders\"")
			.hasCause(failure)
			.hasNoSuppressedExceptions();
		assertThat(exception.getSubscriberIds()).containsExactly("failing");
	}

	@Test
	void publishWhenOneSubscriberReturnsFailedStageShouldRunTheOthersAndFailTheFuture() {
		RuntimeException failure = new RuntimeException("boom");
		this.eventsService.subscribe("failing", List.of("orders"), (event) -> CompletableFuture.failedFuture(failure));
		subscribeRecording("after", "orders");
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("after");
		assertThat(deliveryFailure(future)).hasCause(failure);
	}

	@Test
	void publishWhenSeveralSubscribersFailShouldReportThemInRegistrationOrder() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second");
		RuntimeException third = new RuntimeException("third");
		CompletableFuture<Void> firstStage = new CompletableFuture<>();
		this.eventsService.subscribe("a", List.of("orders"), (event) -> firstStage);
		subscribeRecording("ok", "orders");
		this.eventsService.subscribe("b", List.of("orders"), EventSubscriber.of((event) -> {
			throw second;
		}));
		this.eventsService.subscribe("c", List.of("orders"), (event) -> CompletableFuture.failedFuture(third));
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).isNotDone();
		firstStage.completeExceptionally(first);
		EventDeliveryException exception = deliveryFailure(future);
		assertThat(exception).hasMessage("Subscribers \"a\", \"b\", \"c\" failed to process event for topic \"orders\"")
			.hasCause(first);
		assertThat(exception.getSuppressed()).containsExactly(second, third);
		assertThat(exception.getSubscriberIds()).containsExactly("a", "b", "c");
		assertThat(this.invocations).containsExactly("ok");
	}

	@Test
	void publishWhenSubscriberFailsShouldLogWarning(CapturedOutput output) {
		this.eventsService.subscribe("failing", List.of("orders"), EventSubscriber.of((event) -> {
			throw new IllegalStateException("Something went wrong");
		}));
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(output).contains("WARN")
			.contains("Subscriber \"failing\" failed to process event for topic \"orders\"")
			.contains("java.lang.IllegalStateException: Something went wrong");
	}

	@Test
	void publishWhenStageFailsWithCompletionExceptionShouldReportItsCause() {
		RuntimeException failure = new RuntimeException("boom");
		CompletableFuture<Void> stage = new CompletableFuture<>();
		this.eventsService.subscribe("failing", List.of("orders"),
				(event) -> stage.thenRun(() -> this.invocations.add("never")));
		subscribeRecording("other", "orders");
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		stage.completeExceptionally(failure);
		assertThat(deliveryFailure(future)).hasCause(failure);
	}

	@Test
	void subscribeShouldReturnSubscriptionWithIdAndTopics() {
		EventSubscription subscription = this.eventsService.subscribe("test", List.of("orders", "payments", "orders"),
				EventSubscriber.of((event) -> {
				}));
		assertThat(subscription.id()).isEqualTo("test");
		assertThat(subscription.topics()).containsExactly("orders", "payments");
		assertThat(subscription.topics()).isUnmodifiable();
	}

	@Test
	void subscribeWithDuplicateIdShouldInvokeBothSubscribers() {
		this.eventsService.subscribe("same", List.of("orders"),
				EventSubscriber.of((event) -> this.invocations.add("1")));
		this.eventsService.subscribe("same", List.of("orders"),
				EventSubscriber.of((event) -> this.invocations.add("2")));
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("1", "2");
	}

	@Test
	void subscribeWithInvalidArgumentsShouldFail() {
		EventSubscriber subscriber = EventSubscriber.of((event) -> {
		});
		assertThatIllegalArgumentException().isThrownBy(() -> this.eventsService.subscribe("", Set.of("t"), subscriber))
			.withMessage("'id' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.eventsService.subscribe("id", Set.of(), subscriber))
			.withMessage("'topics' must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.eventsService.subscribe("id", List.of("t", " "), subscriber))
			.withMessage("'topics' must not contain an empty topic");
		assertThatIllegalArgumentException().isThrownBy(() -> this.eventsService.subscribe("id", Set.of("t"), null))
			.withMessage("'subscriber' must not be null");
	}

	@Test
	void subscribeFromSeveralThreadsShouldKeepEverySubscriber() throws InterruptedException {
		int threads = 8;
		int perThread = 50;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int i = 0; i < threads; i++) {
				executor.execute(() -> subscribeWhenStarted(start, perThread));
			}
			start.countDown();
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).hasSize(threads * perThread);
	}

	private void subscribeWhenStarted(CountDownLatch start, int count) {
		try {
			start.await();
			for (int i = 0; i < count; i++) {
				subscribeRecording("concurrent", "orders");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void unsubscribeShouldStopDeliveryToThatSubscriptionOnly() {
		EventSubscription subscription = subscribeRecording("removed", "orders", "payments");
		subscribeRecording("kept", "orders");
		subscription.unsubscribe();
		this.eventsService.publish(EventParams.of("orders", "payload"));
		this.eventsService.publish(EventParams.of("payments", "payload"));
		assertThat(this.invocations).containsExactly("kept");
	}

	@Test
	void unsubscribeWhenCalledTwiceShouldHaveNoEffect() {
		EventSubscription subscription = subscribeRecording("removed", "orders");
		subscribeRecording("kept", "orders");
		subscription.unsubscribe();
		subscription.unsubscribe();
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("kept");
	}

	@Test
	void unsubscribeWithDuplicateIdShouldOnlyRemoveThatSubscription() {
		EventSubscription first = subscribeRecording("same", "orders");
		this.eventsService.subscribe("same", List.of("orders"),
				EventSubscriber.of((event) -> this.invocations.add("2")));
		first.unsubscribe();
		this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(this.invocations).containsExactly("2");
	}

	@Test
	void closeShouldUnsubscribe() {
		try (EventSubscription subscription = subscribeRecording("closed", "orders")) {
			assertThat(subscription.topics()).containsExactly("orders");
		}
		assertThat(this.eventsService.publish(EventParams.of("orders", "payload"))).isCompleted();
		assertThat(this.invocations).isEmpty();
	}

	@Test
	void publishAfterDestroyShouldReturnFailedFuture() {
		subscribeRecording("test", "orders");
		this.eventsService.destroy();
		CompletableFuture<Void> future = this.eventsService.publish(EventParams.of("orders", "payload"));
		assertThat(future).failsWithin(0, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("Events service is shutting down");
		assertThat(this.invocations).isEmpty();
	}

	@Test
	void subscribeAfterDestroyShouldFail() {
		this.eventsService.destroy();
		assertThatIllegalStateException().isThrownBy(() -> subscribeRecording("test", "orders"))
			.withMessage("Events service is shutting down");
	}

	@Test
	void unsubscribeAfterDestroyShouldHaveNoEffect() {
		EventSubscription subscription = subscribeRecording("test", "orders");
		this.eventsService.destroy();
		subscription.unsubscribe();
		assertThat(this.invocations).isEmpty();
	}

	private EventSubscription subscribeRecording(String id, String... topics) {
		return this.eventsService.subscribe(id, List.of(topics),
				EventSubscriber.of((event) -> this.invocations.add(id)));
	}

	private static EventDeliveryException deliveryFailure(CompletableFuture<Void> future) {
		assertThat(future).isCompletedExceptionally();
		Throwable failure = future.handle((result, ex) -> ex).join();
		assertThat(failure).isInstanceOf(EventDeliveryException.class);
		return (EventDeliveryException) failure;
	}

}
