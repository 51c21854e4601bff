package dev.kafkaevents.autoconfigure.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.kafkaevents.autoconfigure.kafka.RequestReplyApplications.Answers;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.reply.KafkaReplyErrorException;
import dev.kafkaevents.kafka.reply.KafkaRequestTimeoutException;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerer;
import dev.kafkaevents.kafka.reply.RequestAnswerers;
import dev.kafkaevents.kafka.reply.RequestStatistics;
import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.support.KafkaHeaders;

import static dev.kafkaevents.autoconfigure.kafka.RequestReplyApplications.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for request-reply over Kafka, against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class RequestReplyIntegrationTests {

	private final ApplicationContextRunner contextRunner = RequestReplyApplications.runner();

	@Test
	void requestIsAnsweredWithinOneApplication() {
		inOneApplication(2, (context, requests, replies) -> {
			EventParams reply = context.getBean(KafkaRequests.class)
				.request(
						new EventParams("ask", Map.of("q", "life"), EventMetadata.builder().add("asker", "me").build()))
				.get();
			assertThat(reply.topic()).isEqualTo("ask");
			assertThat(reply.eventPayload()).isEqualTo(Map.of("answer", "42 for life from me"));
			assertThat(reply.metadata().get(KafkaHeaders.CORRELATION_ID)).hasSize(36);
			assertThat(reply.kafkaRecord().topic()).isEqualTo(replies);
			assertThat(reply.kafkaRecord().mapping()).isEqualTo("dev.ask");
			RequestStatistics statistics = RequestReplyApplications.requests(context).getStatistics();
			assertThat(statistics.getReplies()).isOne();
			assertThat(statistics.getInFlight()).isZero();
			RequestAnswerer answerer = context.getBean(RequestAnswerers.class).get("dev.questions");
			await().atMost(TestKafka.timeout()).until(() -> answerer.getStatistics().getAnswered() == 1);
		});
	}

	@Test
	void requestIsAnsweredByAnotherApplication() {
		String requests = TestKafka.createTopic("questions", 1);
		String replies = TestKafka.createTopic("replies", 1);
		this.contextRunner.withPropertyValues(RequestReplyApplications.answerer(requests))
			.withBean(Answers.class)
			.run((answering) -> {
				RequestReplyApplications.awaitAnswering(answering);
				this.contextRunner.withPropertyValues(RequestReplyApplications.requester(requests, replies))
					.run((requesting) -> {
						Map<String, Object> answer = requesting.getBean(KafkaRequests.class)
							.request("ask", Map.of("n", 21), Map.class)
							.get();
						assertThat(answer).isEqualTo(Map.of("n", 42));
						assertThat(requesting.containsBean("kafkaEventsRequestAnswerers")).isTrue();
					});
			});
	}

	@Test
	void answerThatIsAnEventSendsItsMetadataButAuthorization() {
		inOneApplication(1, (context, requests, replies) -> {
			EventParams reply = context.getBean(KafkaRequests.class)
				.request(EventParams.of("ask", Map.of("q", "meta")))
				.get();
			assertThat(reply.eventPayload()).isEqualTo(Map.of("answer", "with metadata"));
			assertThat(reply.metadata().get("answered-by")).isEqualTo("answers");
			assertThat(reply.metadata().contains("authorization")).isFalse();
		});
	}

	@Test
	void thousandsOfConcurrentRequestsEachGetTheirOwnReply() {
		inOneApplication(4, (context, requests, replies) -> {
			KafkaRequests kafkaRequests = context.getBean(KafkaRequests.class);
			List<CompletableFuture<Map>> answers = IntStream.range(0, 3000)
				.mapToObj((n) -> kafkaRequests.request("ask", Map.of("n", n), Map.class))
				.toList();
			CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
			for (int n = 0; n < answers.size(); n++) {
				assertThat(answers.get(n).join()).isEqualTo(Map.of("n", 2 * n));
			}
			assertThat(RequestReplyApplications.requests(context).getStatistics().getReplies()).isEqualTo(3000);
		});
	}

	@Test
	void failingHandlerAnswersWithTheMessageOfItsFailureAlone() {
		inOneApplication(1, (context, requests, replies) -> {
			CompletableFuture<EventParams> reply = context.getBean(KafkaRequests.class)
				.request(EventParams.of("ask", Map.of("q", "fail")));
			assertThat(reply).failsWithin(TestKafka.timeout())
				.withThrowableThat()
				.havingCause()
				.isInstanceOfSatisfying(KafkaReplyErrorException.class, (ex) -> {
					assertThat(ex.getRemoteMessage()).isEqualTo("No answer to fail");
					assertThat(ex.getMapping()).isEqualTo("dev.ask");
					assertThat(ex.getRequestRecord()).startsWith(requests + "-0@");
				});
			ConsumerRecord<byte[], byte[]> errorReply = TestKafka.records(replies, 1).get(0);
			assertThat(errorReply.value()).isNull();
			assertThat(errorReply.headers()).extracting(Header::key)
				.containsExactlyInAnyOrder(KafkaHeaders.CORRELATION_ID, "kafka-events-error");
			assertThat(
					new String(errorReply.headers().lastHeader("kafka-events-error").value(), StandardCharsets.UTF_8))
				.isEqualTo("No answer to fail")
				.doesNotContain("s3cret");
			assertThat(RequestReplyApplications.requests(context).getStatistics().getErrors()).isOne();
			RequestAnswerer answerer = context.getBean(RequestAnswerers.class).get("dev.questions");
			await().atMost(TestKafka.timeout()).until(() -> answerer.getStatistics().getErrors() == 1);
		});
	}

	@Test
	void handlerThatFailsBeforeItsLastAttemptAnswersOnlyOnce() {
		inOneApplication(1,
				new String[] { RequestReplyApplications.CONSUMING + ".topics[0].retry.attempts=3",
						RequestReplyApplications.CONSUMING + ".topics[0].retry.initialInterval=10ms" },
				(context, requests, replies) -> {
					assertThat(context.getBean(KafkaRequests.class).request(EventParams.of("ask", Map.of("q", "fail"))))
						.failsWithin(TestKafka.timeout())
						.withThrowableThat()
						.havingCause()
						.isInstanceOf(KafkaReplyErrorException.class);
					assertThat(TestKafka.recordCount(replies)).isOne();
				});
	}

	@Test
	void requestThatTimesOutFailsWithItsCoordinatesAndItsLateReplyIsCountedNotDelivered() {
		inOneApplication(1, (context, requests, replies) -> {
			KafkaRequests kafkaRequests = context.getBean(KafkaRequests.class);
			CompletableFuture<EventParams> slow = kafkaRequests.request(EventParams.of("ask", Map.of("q", "slow")),
					Duration.ofMillis(500));
			assertThat(slow).failsWithin(TestKafka.timeout())
				.withThrowableThat()
				.havingCause()
				.isInstanceOfSatisfying(KafkaRequestTimeoutException.class, (ex) -> {
					assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(500));
					assertThat(ex.getRequestRecord()).isEqualTo(requests + "-0@0");
					assertThat(ex.getMessage()).contains("dev.ask", ex.getCorrelationId(), requests + "-0@0");
				});
			context.getBean(Answers.class).release.complete(null);
			RequestStatistics statistics = RequestReplyApplications.requests(context).getStatistics();
			await().atMost(TestKafka.timeout()).until(() -> statistics.getLateReplies() == 1);
			assertThat(kafkaRequests.request(EventParams.of("ask", Map.of("q", "next"))).get().eventPayload())
				.isEqualTo(Map.of("answer", "42 for next from null"));
			assertThat(statistics.getTimeouts()).isOne();
			assertThat(statistics.getReplies()).isOne();
			assertThat(statistics.getInFlight()).isZero();
		});
	}

	@Test
	void mappingTimeoutAppliesUnlessTheCallSetsOne() {
		inOneApplication(1, new String[] { REQUESTER + ".timeout=1m", REQUESTER + ".topics[0].topic=ask",
				REQUESTER + ".topics[0].timeout=300ms" }, (context, requests, replies) -> {
					assertThat(RequestReplyApplications.requests(context).getTimeout())
						.isEqualTo(Duration.ofMillis(300));
					assertThat(context.getBean(KafkaRequests.class).request(EventParams.of("ask", Map.of("q", "slow"))))
						.failsWithin(TestKafka.timeout())
						.withThrowableThat()
						.havingCause()
						.isInstanceOfSatisfying(KafkaRequestTimeoutException.class,
								(ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
					context.getBean(Answers.class).release.complete(null);
				});
	}

	@Test
	void twoRequesterInstancesInOneGroupEachGetTheirOwnReplies() {
		String requests = TestKafka.createTopic("questions", 2);
		String replies = TestKafka.createTopic("shop-replies", 2).substring("shop-".length());
		String[] requester = RequestReplyApplications.requester(requests, replies, REQUESTER + ".group=shop");
		this.contextRunner.withPropertyValues(RequestReplyApplications.answerer(requests))
			.withBean(Answers.class)
			.run((answering) -> {
				RequestReplyApplications.awaitAnswering(answering);
				this.contextRunner.withPropertyValues(requester)
					.run((first) -> this.contextRunner.withPropertyValues(requester).run((second) -> {
						assertThat(RequestReplyApplications.requests(first).getReplyTopic())
							.isEqualTo("shop-" + replies);
						List<CompletableFuture<Map>> fromFirst = ask(first, 0, 200);
						List<CompletableFuture<Map>> fromSecond = ask(second, 1000, 200);
						assertAnswered(fromFirst, 0);
						assertAnswered(fromSecond, 1000);
						assertThat(RequestReplyApplications.requests(first).getStatistics().getLateReplies()).isZero();
						assertThat(RequestReplyApplications.requests(second).getStatistics().getLateReplies()).isZero();
					}));
			});
	}

	@Test
	void recordWithoutReplyHeadersIsNotAnswered() {
		String requests = TestKafka.createTopic("questions", 1);
		this.contextRunner.withPropertyValues(RequestReplyApplications.answerer(requests))
			.withBean(Answers.class)
			.run((context) -> {
				RequestReplyApplications.awaitAnswering(context);
				TestKafka.sendJson(requests, 0, "{\"n\":1}");
				TestKafka.awaitCommittedOffset(context.getBean(dev.kafkaevents.kafka.KafkaInstanceRegistry.class)
					.getConsumingMappings()
					.get(0)
					.groupId(), requests, 0, 1);
				assertThat(context.getBean(RequestAnswerers.class).get("dev.questions").getStatistics())
					.satisfies((statistics) -> {
						assertThat(statistics.getAnswered()).isZero();
						assertThat(statistics.getUnanswered()).isZero();
					});
			});
	}

	private void inOneApplication(int partitions, Check check) {
		inOneApplication(partitions, new String[0], check);
	}

	private void inOneApplication(int partitions, String[] more, Check check) {
		String requests = TestKafka.createTopic("questions", partitions);
		String replies = TestKafka.createTopic("replies", partitions);
		this.contextRunner.withPropertyValues(RequestReplyApplications.both(requests, replies, more))
			.withBean(Answers.class)
			.run((context) -> {
				RequestReplyApplications.awaitAnswering(context);
				check.accept(context, requests, replies);
			});
	}

	private static List<CompletableFuture<Map>> ask(org.springframework.context.ApplicationContext context, int from,
			int count) {
		KafkaRequests kafkaRequests = context.getBean(KafkaRequests.class);
		return IntStream.range(from, from + count)
			.mapToObj((n) -> kafkaRequests.request("ask", Map.of("n", n), Map.class))
			.toList();
	}

	private static void assertAnswered(List<CompletableFuture<Map>> answers, int from) {
		for (int i = 0; i < answers.size(); i++) {
			assertThat(answers.get(i)).succeedsWithin(TestKafka.timeout()).isEqualTo(Map.of("n", 2 * (from + i)));
		}
	}

	/**
	 * Checks made in an application that both asks and answers.
	 */
	@FunctionalInterface
	interface Check {

		void accept(AssertableApplicationContext context, String requests, String replies) throws Exception;

	}

}
