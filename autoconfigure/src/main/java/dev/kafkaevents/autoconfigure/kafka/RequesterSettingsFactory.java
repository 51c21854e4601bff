package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.kafkaevents.autoconfigure.kafka.KafkaRequestReplyProperties.RequestTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaRequestReplyProperties.Requester;
import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.reply.ReplyHeaders;
import dev.kafkaevents.kafka.reply.RequesterSettings;
import org.jspecify.annotations.Nullable;

/**
 * Resolves and validates {@code events.modules.kafka.request-reply}: the requesting
 * instances against the registry, and the header names.
 *
 * @author kafka-events
 */
final class RequesterSettingsFactory {

	private static final String PATH = "events.modules.kafka.requestReply";

	private final String applicationInstanceId = UUID.randomUUID().toString().substring(0, 8);

	Resolved create(KafkaRequestReplyProperties properties, KafkaInstanceRegistry registry) {
		ConfigurationProblems problems = new ConfigurationProblems();
		ReplyHeaders headers = headers(properties, problems);
		List<RequesterSettings> settings = new ArrayList<>();
		properties.getRequesters().forEach((name, requester) -> {
			RequesterSettings resolved = resolve(name, requester, registry, problems);
			if (resolved != null) {
				settings.add(resolved);
			}
		});
		problems.throwIfAny();
		return new Resolved(headers, settings);
	}

	private static ReplyHeaders headers(KafkaRequestReplyProperties properties, ConfigurationProblems problems) {
		KafkaRequestReplyProperties.Headers headers = properties.getHeaders();
		String path = PATH + ".headers.";
		return new ReplyHeaders(
				text(problems, path + "correlationId", headers.getCorrelationId(),
						ReplyHeaders.DEFAULT.correlationId()),
				text(problems, path + "replyTopic", headers.getReplyTopic(), ReplyHeaders.DEFAULT.replyTopic()),
				text(problems, path + "replyPartition", headers.getReplyPartition(),
						ReplyHeaders.DEFAULT.replyPartition()),
				text(problems, path + "error", headers.getError(), ReplyHeaders.DEFAULT.error()));
	}

	private static String text(ConfigurationProblems problems, String path, @Nullable String value, String fallback) {
		String text = problems.requiredText(path, value, "a header name");
		return text.isEmpty() ? fallback : text;
	}

	private @Nullable RequesterSettings resolve(String name, Requester requester, KafkaInstanceRegistry registry,
			ConfigurationProblems problems) {
		String path = PATH + ".requesters." + name;
		Optional<KafkaInstance> instance = registry.getInstance(name);
		KafkaConnection publishing = instance.map(KafkaInstance::publishing).orElse(null);
		if (publishing == null) {
			problems.problem(path, "'" + name + "' is not a kafkaPublishingEventConsumer instance.",
					"Name an instance configured under events.modules.kafka.kafkaPublishingEventConsumer.");
			return null;
		}
		String replyTopic = problems.requiredText(path + ".replyTopic", requester.getReplyTopic(),
				"the Kafka topic replies are sent to");
		Integer partition = requester.getReplyPartition();
		if (partition != null && partition < 0) {
			problems.problem(path + ".replyPartition", "The partition must not be negative.",
					"Set " + path + ".replyPartition to a partition of the reply topic, or remove it.");
		}
		positive(problems, path + ".timeout", requester.getTimeout());
		Map<String, Duration> timeouts = timeouts(path, requester, instance.get(), problems);
		if (replyTopic.isEmpty() || (partition != null && partition < 0)) {
			return null;
		}
		String group = requester.getGroup();
		String prefix = (group != null && !group.isBlank()) ? group + "-" : "";
		String groupId = ((!prefix.isEmpty()) ? group : publishing.clientId()) + "-replies-"
				+ this.applicationInstanceId;
		return new RequesterSettings(name, prefix + replyTopic, partition, groupId,
				isPositive(requester.getTimeout()) ? requester.getTimeout() : Duration.ofSeconds(30), timeouts);
	}

	private static Map<String, Duration> timeouts(String path, Requester requester, KafkaInstance instance,
			ConfigurationProblems problems) {
		List<String> eventsTopics = instance.publishingMappings().stream().map(PublishingMapping::eventsTopic).toList();
		Map<String, Duration> timeouts = new LinkedHashMap<>();
		for (int i = 0; i < requester.getTopics().size(); i++) {
			RequestTopic topic = requester.getTopics().get(i);
			String topicPath = path + ".topics[" + i + "]";
			String eventsTopic = problems.requiredText(topicPath + ".topic", topic.getTopic(),
					"the events topic of a publishing mapping of the instance");
			if (!eventsTopic.isEmpty() && !eventsTopics.contains(eventsTopic)) {
				problems.problem(topicPath + ".topic",
						"No publishing mapping of the instance has events topic '" + eventsTopic + "'.",
						"Use one of " + eventsTopics + ".");
			}
			Duration timeout = problems.required(topicPath + ".timeout", topic.getTimeout(), "a duration");
			if (timeout != null && positive(problems, topicPath + ".timeout", timeout)) {
				timeouts.put(eventsTopic, timeout);
			}
		}
		return timeouts;
	}

	private static boolean positive(ConfigurationProblems problems, String path, Duration duration) {
		if (!isPositive(duration)) {
			problems.problem(path, "The duration must be positive.", "Set " + path + " to a positive duration.");
			return false;
		}
		return true;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * The resolved configuration.
	 *
	 * @param headers the header names
	 * @param requesters the requesting instances
	 */
	record Resolved(ReplyHeaders headers, List<RequesterSettings> requesters) {

	}

}
