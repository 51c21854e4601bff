package dev.kafkaevents.autoconfigure.kafka;

import java.util.Map;

import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerers;
import dev.kafkaevents.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.kafkaevents.autoconfigure.kafka.RequestReplyApplications.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration of request-reply.
 *
 * @author kafka-events
 */
class RequestReplyConfigurationTests {

	private static final String ROOT = "events.modules.kafka.requestReply";

	private final ApplicationContextRunner contextRunner = RequestReplyApplications.runner();

	@Test
	void requesterOfAnInstanceThatDoesNotPublishFailsStartupNamingIt() {
		this.contextRunner
			.withPropertyValues(RequestReplyApplications.requester("requests", "replies",
					ROOT + ".requesters.nope.replyTopic=replies"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
				.hasMessageContaining(ROOT + ".requesters.nope")
				.hasMessageContaining("kafkaPublishingEventConsumer"));
	}

	@Test
	void requesterWithoutReplyTopicOrWithAnUnknownMappingFailsStartupNamingEach() {
		this.contextRunner
			.withPropertyValues(RequestReplyApplications.requester("requests", "replies", REQUESTER + ".replyTopic=",
					REQUESTER + ".replyPartition=-1", REQUESTER + ".topics[0].topic=unknown",
					REQUESTER + ".topics[0].timeout=0s", ROOT + ".headers.error="))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidKafkaEventsConfigurationException.class)
				.hasMessageContaining(REQUESTER + ".replyTopic")
				.hasMessageContaining(REQUESTER + ".replyPartition")
				.hasMessageContaining(REQUESTER + ".topics[0].topic")
				.hasMessageContaining(REQUESTER + ".topics[0].timeout")
				.hasMessageContaining(ROOT + ".headers.error"));
	}

	@Test
	void requestOnAnInstanceWithoutRequesterFailsNamingTheKey() {
		this.contextRunner
			.withPropertyValues(RequestReplyApplications.PUBLISHING + ".clientId=requester",
					RequestReplyApplications.PUBLISHING + ".brokers[0]=" + TestKafka.brokers(),
					RequestReplyApplications.PUBLISHING + ".topics[0].topic=ask",
					RequestReplyApplications.PUBLISHING + ".topics[0].kafka.topic=requests")
			.run((context) -> assertThat(context.getBean(KafkaRequests.class).request(EventParams.of("ask", Map.of())))
				.failsWithin(TestKafka.timeout())
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(IllegalArgumentException.class)
				.withMessageContaining("events.modules.kafka.request-reply.requesters"));
	}

	@Test
	void answeringCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues(RequestReplyApplications.answerer("requests", ROOT + ".answering.enabled=false"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RequestAnswerers.class));
	}

}
