package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.MappingRequests;
import dev.kafkaevents.test.ConsumingBridgeAssignments;
import dev.kafkaevents.test.TestKafka;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Requesting and answering applications of the request-reply tests: the requester sends
 * events of topic {@code ask} through instance {@code dev} to a Kafka topic, the answerer
 * consumes that Kafka topic into events of topic {@code questions} and answers them from
 * {@link Answers}.
 *
 * @author kafka-events
 */
final class RequestReplyApplications {

	static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	static final String REQUESTER = "events.modules.kafka.requestReply.requesters.dev";

	private RequestReplyApplications() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				EventsAutoConfiguration.class, KafkaEventsAutoConfiguration.class,
				KafkaEventsPublishingAutoConfiguration.class, KafkaEventsRequestReplyAutoConfiguration.class));
	}

	static String[] requester(String requestTopic, String replyTopic, String... more) {
		List<String> properties = new ArrayList<>(
				List.of(PUBLISHING + ".clientId=requester", PUBLISHING + ".brokers[0]=" + TestKafka.brokers(),
						PUBLISHING + ".topics[0].topic=ask", PUBLISHING + ".topics[0].kafka.topic=" + requestTopic,
						PUBLISHING + ".topics[0].headers.forward=true", REQUESTER + ".replyTopic=" + replyTopic));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	static String[] answerer(String requestTopic, String... more) {
		List<String> properties = new ArrayList<>(List.of(CONSUMING + ".clientId=answerer",
				CONSUMING + ".brokers[0]=" + TestKafka.brokers(), CONSUMING + ".topics[0].topic=questions",
				CONSUMING + ".topics[0].kafka.topics[0]=" + requestTopic,
				CONSUMING + ".topics[0].kafka.groupId=" + TestKafka.uniqueGroup("answerer"),
				CONSUMING + ".topics[0].kafka.fromBeginning=true"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	static String[] both(String requestTopic, String replyTopic, String... more) {
		List<String> properties = new ArrayList<>(List.of(requester(requestTopic, replyTopic)));
		properties.addAll(List.of(answerer(requestTopic)));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	static void awaitAnswering(ApplicationContext context) {
		context.getBean(KafkaConsumingBridges.class).getBridges().forEach(ConsumingBridgeAssignments::awaitAssignment);
	}

	static MappingRequests requests(ApplicationContext context) {
		return context.getBean(KafkaRequests.class).getMappings().get(0);
	}

	static void awaitNoneInFlight(ApplicationContext context) {
		await().atMost(TestKafka.timeout()).until(() -> requests(context).getStatistics().getInFlight() == 0);
	}

	/**
	 * Answers questions: {@code n} doubled, {@code q: fail} with an exception,
	 * {@code q: meta} with metadata, {@code q: slow} once {@link #release} completes, any
	 * other {@code q} with a text.
	 */
	static class Answers {

		final CompletableFuture<Void> release = new CompletableFuture<>();

		@EventHandler("questions")
		CompletionStage<Object> answer(Map<String, Object> question, EventMetadata metadata) {
			Object q = question.get("q");
			if (question.get("n") instanceof Number n) {
				return CompletableFuture.completedFuture(Map.of("n", n.intValue() * 2));
			}
			if ("fail".equals(q)) {
				throw new IllegalStateException("No answer to fail",
						new IllegalStateException("jdbc:postgresql://db/shop?password=s3cret"));
			}
			if ("meta".equals(q)) {
				return CompletableFuture.completedFuture(new EventParams("ignored", Map.of("answer", "with metadata"),
						EventMetadata.builder().add("answered-by", "answers").add("authorization", "secret").build()));
			}
			if ("slow".equals(q)) {
				return this.release.thenApply((ignored) -> Map.of("answer", "late"));
			}
			return CompletableFuture
				.completedFuture(Map.of("answer", "42 for " + q + " from " + metadata.get("asker")));
		}

	}

}
