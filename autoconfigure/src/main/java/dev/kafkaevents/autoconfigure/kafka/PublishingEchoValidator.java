package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Consuming;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.PublishingTopic;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import org.jspecify.annotations.Nullable;

/**
 * Finds publishing mappings that would send the events of their events topic to a Kafka
 * topic that a consuming mapping of the same cluster (same bootstrap brokers, compared as
 * sets) consumes and publishes into that same events topic: a loop without end.
 *
 * @author kafka-events
 */
final class PublishingEchoValidator {

	private PublishingEchoValidator() {
	}

	/**
	 * Return a problem per publishing mapping that echoes a consuming mapping.
	 * @param properties the bound properties
	 * @return the problems, empty when there is no echo
	 */
	static List<Problem> validate(KafkaEventsProperties properties) {
		List<Consumed> consumed = consumed(properties.getKafkaConsumingEventPublisher());
		List<Problem> problems = new ArrayList<>();
		properties.getKafkaPublishingEventConsumer().forEach((name, instance) -> {
			String cluster = KafkaEventOrigin.cluster(orEmpty(instance.getBrokers()));
			List<PublishingTopic> topics = orEmpty(instance.getTopics());
			for (int i = 0; i < topics.size(); i++) {
				String path = KafkaInstanceRegistryFactory.PUBLISHING_PATH + "." + name + ".topics[" + i + "]";
				PublishingTopic topic = topics.get(i);
				consumed.stream()
					.filter((candidate) -> candidate.isEchoedBy(cluster, topic))
					.forEach((echoed) -> problems.add(echo(path, topic, echoed)));
			}
		});
		return problems;
	}

	private static List<Consumed> consumed(Map<String, Consuming> instances) {
		List<Consumed> consumed = new ArrayList<>();
		instances.forEach((name, instance) -> {
			String cluster = KafkaEventOrigin.cluster(orEmpty(instance.getBrokers()));
			List<ConsumingTopic> topics = orEmpty(instance.getTopics());
			for (int i = 0; i < topics.size(); i++) {
				String path = KafkaInstanceRegistryFactory.CONSUMING_PATH + "." + name + ".topics[" + i + "]";
				List<String> kafkaTopics = orEmpty(topics.get(i).getKafka().getTopics());
				for (int k = 0; k < kafkaTopics.size(); k++) {
					consumed.add(new Consumed(path, k, cluster, kafkaTopics.get(k), topics.get(i).getTopic()));
				}
			}
		});
		return consumed;
	}

	private static Problem echo(String path, PublishingTopic topic, Consumed echoed) {
		return new Problem(path + ".kafka.topic", "Events of events topic '" + topic.getTopic()
				+ "' would be sent to Kafka topic '" + echoed.kafkaTopic() + "', which " + echoed.path()
				+ ".kafka.topics[" + echoed.index() + "] consumes on the same cluster (" + echoed.cluster()
				+ ") and publishes into the same events topic (" + echoed.path() + ".topic): every event would loop.",
				"Send " + path + ".kafka.topic to another Kafka topic, or have " + echoed.path()
						+ " publish into another events topic.");
	}

	private static <T> List<T> orEmpty(@Nullable List<T> values) {
		return (values != null) ? values : List.of();
	}

	/**
	 * A Kafka topic consumed into an events topic.
	 *
	 * @param path property path of the consuming mapping
	 * @param index index of the Kafka topic in the mapping's {@code kafka.topics}
	 * @param cluster cluster of the consuming instance
	 * @param kafkaTopic the Kafka topic
	 * @param eventsTopic the events topic its records are published to
	 */
	private record Consumed(String path, int index, String cluster, String kafkaTopic, @Nullable String eventsTopic) {

		boolean isEchoedBy(String cluster, PublishingTopic topic) {
			return !cluster.isEmpty() && this.cluster.equals(cluster)
					&& this.kafkaTopic.equals(topic.getKafka().getTopic()) && this.eventsTopic != null
					&& this.eventsTopic.equals(topic.getTopic());
		}

	}

}
