package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestKafka;
import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events published to a mapped events topic before the publishing bridges start, from a
 * bean's {@code @PostConstruct}, are held and sent at start, never dropped silently.
 *
 * @author kafka-events
 */
class PublishingBeforeStartIntegrationTests {

	private static final String EVENTS_TOPIC = "test.early";

	private static final String PREFIX = "events.modules.kafka.kafkaPublishingEventConsumer.dev.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class));

	@Test
	void anEventPublishedFromPostConstructIsHeldAndSentWhenTheBridgeStarts() {
		String topic = TestKafka.createTopic("early", 1);
		this.contextRunner.withPropertyValues(publishing(topic))
			.withUserConfiguration(EarlyPublisherConfiguration.class)
			.run((context) -> {
				EarlyPublisher publisher = context.getBean(EarlyPublisher.class);
				assertThat(publisher.doneWhenPublished).containsExactly(false);
				publisher.futures.get(0).get(30, TimeUnit.SECONDS);
				assertThat(TestKafka.records(topic, 1)).extracting((record) -> text(record.value()))
					.containsExactly("published in @PostConstruct 0");
			});
	}

	@Test
	void heldEventsAreSentInTheOrderTheyWerePublished() {
		String topic = TestKafka.createTopic("early-order", 1);
		this.contextRunner.withPropertyValues(publishing(topic))
			.withPropertyValues("early.count=50")
			.withUserConfiguration(EarlyPublisherConfiguration.class)
			.run((context) -> {
				List<CompletableFuture<Void>> futures = context.getBean(EarlyPublisher.class).futures;
				CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
				assertThat(TestKafka.records(topic, 50)).extracting((record) -> text(record.value()))
					.containsExactlyElementsOf(expectedPayloads(50));
			});
	}

	@Test
	void anEventBeyondTheHoldingLimitFailsAtOnceNamingTheMapping() {
		String topic = TestKafka.createTopic("early-limit", 1);
		int count = KafkaPublishingBridge.HELD_EVENTS_LIMIT + 1;
		this.contextRunner.withPropertyValues(publishing(topic))
			.withPropertyValues("early.count=" + count)
			.withUserConfiguration(EarlyPublisherConfiguration.class)
			.run((context) -> {
				List<CompletableFuture<Void>> futures = context.getBean(EarlyPublisher.class).futures;
				CompletableFuture<Void> last = futures.get(count - 1);
				assertThat(last).isCompletedExceptionally();
				assertThat(failure(last).getCause()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("'dev.test.early'")
					.hasMessageContaining("has not started yet and already holds 10000 events");
				futures.get(count - 2).get(60, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> TestKafka.recordCount(topic) == KafkaPublishingBridge.HELD_EVENTS_LIMIT);
			});
	}

	@Test
	void heldEventsFailNamingTheMappingWhenTheContextFailsBeforeStarting() {
		String topic = TestKafka.createTopic("early-failed-start", 1);
		this.contextRunner.withPropertyValues(publishing(topic))
			.withUserConfiguration(EarlyPublisherConfiguration.class, FailingConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				CompletableFuture<Void> held = FailingConfiguration.publisher.futures.get(0);
				assertThat(held).isCompletedExceptionally();
				assertThat(failure(held).getCause()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Kafka events publishing mapping 'dev.test.early'")
					.hasMessageContaining("is stopped: the event was not sent");
			});
		assertThat(TestKafka.recordCount(topic)).isZero();
	}

	private static String[] publishing(String kafkaTopic) {
		return new String[] { PREFIX + "clientId=test-early", PREFIX + "brokers[0]=" + TestKafka.brokers(),
				PREFIX + "topics[0].topic=" + EVENTS_TOPIC, PREFIX + "topics[0].kafka.topic=" + kafkaTopic };
	}

	private static List<String> expectedPayloads(int count) {
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			payloads.add("published in @PostConstruct " + i);
		}
		return payloads;
	}

	private static Throwable failure(CompletableFuture<Void> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.join();
			throw new AssertionError("completed normally");
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyPublisherConfiguration {

		@Bean
		EarlyPublisher earlyPublisher(EventsService eventsService, Environment environment) {
			return new EarlyPublisher(eventsService, environment.getProperty("early.count", Integer.class, 1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		static volatile EarlyPublisher publisher;

		@Bean
		@DependsOn("earlyPublisher")
		Object failing(EarlyPublisher earlyPublisher) {
			publisher = earlyPublisher;
			throw new IllegalStateException("this application fails to start");
		}

	}

	static class EarlyPublisher {

		private final EventsService eventsService;

		private final int count;

		final List<CompletableFuture<Void>> futures = new ArrayList<>();

		final List<Boolean> doneWhenPublished = new ArrayList<>();

		EarlyPublisher(EventsService eventsService, int count) {
			this.eventsService = eventsService;
			this.count = count;
		}

		@PostConstruct
		void publish() {
			for (int i = 0; i < this.count; i++) {
				CompletableFuture<Void> future = this.eventsService
					.publish(EventParams.of(EVENTS_TOPIC, "published in @PostConstruct " + i));
				this.futures.add(future);
				this.doneWhenPublished.add(future.isDone());
			}
		}

	}

}
