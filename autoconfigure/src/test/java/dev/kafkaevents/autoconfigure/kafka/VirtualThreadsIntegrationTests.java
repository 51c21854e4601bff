package dev.kafkaevents.autoconfigure.kafka;

import java.lang.reflect.Method;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the threads that consuming mappings run their handlers on, with
 * and without {@code spring.threads.virtual.enabled}: virtual from Java 21 on, platform
 * threads before, as Spring Boot does. The code is compiled for Java 17, so
 * {@code Thread.isVirtual()} is called reflectively; {@code .ci/run} runs these tests
 * again on a Java 21+ JDK when the machine has one.
 *
 * @author kafka-events
 */
class VirtualThreadsIntegrationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class))
		.withUserConfiguration(ThreadRecordingHandlerConfiguration.class);

	@Test
	void withVirtualThreadsEnabledHandlersRunOnVirtualThreadsWhereTheJvmHasThem() {
		Thread thread = handlerThread("spring.threads.virtual.enabled=true");
		assertThat(isVirtual(thread)).isEqualTo(Runtime.version().feature() >= 21);
		assertThat(thread.getName()).startsWith("kafka-events-dev.threads-");
	}

	@Test
	void withoutVirtualThreadsEnabledHandlersRunOnPlatformThreads() {
		Thread thread = handlerThread("spring.threads.virtual.enabled=false");
		assertThat(isVirtual(thread)).isFalse();
		assertThat(thread.getName()).startsWith("kafka-events-dev.threads-");
	}

	private Thread handlerThread(String threading) {
		String topic = TestKafka.createTopic("threads", 1);
		Queue<Thread> threads = new ConcurrentLinkedQueue<>();
		this.contextRunner
			.withPropertyValues(threading, CONSUMING + ".clientId=threads",
					CONSUMING + ".brokers=" + TestKafka.brokers(), CONSUMING + ".topics[0].topic=threads",
					CONSUMING + ".topics[0].kafka.topics=" + topic,
					CONSUMING + ".topics[0].kafka.groupId=" + TestKafka.uniqueGroup("threads"),
					CONSUMING + ".topics[0].kafka.fromBeginning=true")
			.run((context) -> {
				TestKafka.sendJson(topic, 0, "{\"n\":1}");
				ThreadRecordingHandler handler = context.getBean(ThreadRecordingHandler.class);
				await().atMost(TestKafka.timeout()).until(() -> !handler.threads.isEmpty());
				threads.addAll(handler.threads);
			});
		return threads.element();
	}

	private static boolean isVirtual(Thread thread) {
		Method isVirtual = ReflectionUtils.findMethod(Thread.class, "isVirtual");
		return isVirtual != null && (boolean) ReflectionUtils.invokeMethod(isVirtual, thread);
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadRecordingHandlerConfiguration {

		@Bean
		ThreadRecordingHandler threadRecordingHandler() {
			return new ThreadRecordingHandler();
		}

	}

	static class ThreadRecordingHandler {

		private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

		@EventHandler("threads")
		void onEvent(EventParams event) {
			this.threads.add(Thread.currentThread());
		}

	}

}
