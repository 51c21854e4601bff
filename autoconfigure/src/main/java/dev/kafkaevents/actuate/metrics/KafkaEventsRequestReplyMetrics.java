package dev.kafkaevents.actuate.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.reply.AnswerStatistics;
import dev.kafkaevents.kafka.reply.MappingRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerer;
import dev.kafkaevents.kafka.reply.RequestStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Meters of request-reply, read from the counts of the requesting and answering sides so
 * that requests and replies pay nothing for them.
 *
 * @author kafka-events
 */
public class KafkaEventsRequestReplyMetrics implements MeterBinder {

	/**
	 * Counter of the requests sent through a publishing mapping that ended, tagged by
	 * instance, mapping, events topic and outcome: {@code replied}, {@code error} (an
	 * error reply), {@code timeout} or {@code failed} (not sent).
	 */
	public static final String REQUESTS = "kafka.events.requests";

	/**
	 * Gauge of the requests of a publishing mapping waiting for their reply, tagged by
	 * instance, mapping and events topic.
	 */
	public static final String REQUESTS_IN_FLIGHT = "kafka.events.requests.in.flight";

	/**
	 * Counter of the replies that arrived after their request timed out, dropped, tagged
	 * by instance, mapping and events topic.
	 */
	public static final String LATE_REPLIES = "kafka.events.replies.late";

	/**
	 * Counter of the requests a consuming mapping consumed and handled, tagged by
	 * instance, mapping, events topic and outcome: {@code answered}, {@code error} (an
	 * error reply sent) or {@code unanswered} (no handler answered, no reply sent).
	 */
	public static final String ANSWERS = "kafka.events.answers";

	private final List<MappingRequests> requests;

	private final List<RequestAnswerer> answerers;

	/**
	 * Create a new instance.
	 * @param requests the requesting side of each requesting publishing mapping
	 * @param answerers the answering side of each consuming mapping
	 */
	public KafkaEventsRequestReplyMetrics(List<MappingRequests> requests, List<RequestAnswerer> answerers) {
		Assert.notNull(requests, "'requests' must not be null");
		Assert.notNull(answerers, "'answerers' must not be null");
		this.requests = List.copyOf(requests);
		this.answerers = List.copyOf(answerers);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (MappingRequests each : this.requests) {
			RequestStatistics statistics = each.getStatistics();
			Tags tags = tags(each.getMapping());
			String description = "Requests sent to Kafka that ended, by outcome";
			counter(registry, REQUESTS, description, statistics, tags, "replied", RequestStatistics::getReplies);
			counter(registry, REQUESTS, description, statistics, tags, "error", RequestStatistics::getErrors);
			counter(registry, REQUESTS, description, statistics, tags, "timeout", RequestStatistics::getTimeouts);
			counter(registry, REQUESTS, description, statistics, tags, "failed", RequestStatistics::getFailures);
			Gauge.builder(REQUESTS_IN_FLIGHT, statistics, RequestStatistics::getInFlight)
				.description("Requests sent to Kafka waiting for their reply")
				.tags(tags)
				.register(registry);
			FunctionCounter.builder(LATE_REPLIES, statistics, RequestStatistics::getLateReplies)
				.description("Replies that arrived after their request timed out, dropped")
				.tags(tags)
				.register(registry);
		}
		for (RequestAnswerer answerer : this.answerers) {
			AnswerStatistics statistics = answerer.getStatistics();
			Tags tags = Tags.of(KafkaEventsMeters.INSTANCE_TAG, answerer.getMapping().instance(),
					KafkaEventsMeters.MAPPING_TAG, answerer.getMapping().id(), KafkaEventsMeters.TOPIC_TAG,
					answerer.getMapping().eventsTopic());
			String description = "Requests consumed from Kafka and handled, by outcome";
			counter(registry, ANSWERS, description, statistics, tags, "answered", AnswerStatistics::getAnswered);
			counter(registry, ANSWERS, description, statistics, tags, "error", AnswerStatistics::getErrors);
			counter(registry, ANSWERS, description, statistics, tags, "unanswered", AnswerStatistics::getUnanswered);
		}
	}

	private static Tags tags(PublishingMapping mapping) {
		return Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG, mapping.id(),
				KafkaEventsMeters.TOPIC_TAG, mapping.eventsTopic());
	}

	private static <T> void counter(MeterRegistry registry, String name, String description, T statistics, Tags tags,
			String outcome, ToDoubleFunction<T> count) {
		FunctionCounter.builder(name, statistics, count)
			.description(description)
			.tags(tags.and(KafkaEventsMeters.OUTCOME_TAG, outcome))
			.register(registry);
	}

}
