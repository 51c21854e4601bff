package dev.kafkaevents.autoconfigure.kafka;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumerKafka;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.ConsumingTopic;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.RetryMode;

/**
 * Validates the settings of a consuming mapping with {@code kafka.shareGroup: true}:
 * {@code autoCommit: false}, {@code pauseOnError: true}, a {@code retry.mode} other than
 * {@code blocking}, more {@code retry.attempts} than a broker's delivery count limit can
 * allow, consumer-group timeouts and Kafka client properties a share consumer refuses are
 * reported with their property path rather than silently ignored.
 *
 * @author kafka-events
 */
final class ShareGroupSettings {

	/**
	 * Highest {@code group.share.delivery.count.limit} a broker accepts.
	 */
	static final int MAX_DELIVERY_COUNT_LIMIT = 10;

	private ShareGroupSettings() {
	}

	/**
	 * Report the settings of a share-group mapping that have no meaning for it.
	 * @param path the path of the mapping
	 * @param topic the mapping
	 * @param problems where problems are reported
	 */
	static void validate(String path, ConsumingTopic topic, ConfigurationProblems problems) {
		ConsumerKafka kafka = topic.getKafka();
		if (!kafka.isShareGroup()) {
			return;
		}
		String kafkaPath = path + ".kafka";
		if (!kafka.isAutoCommit()) {
			problems.problem(kafkaPath + ".autoCommit",
					"a share group acknowledges each record once its outcome is known, and the acknowledgements "
							+ "travel with the next fetch: there is no synchronous commit after each poll.",
					"Remove " + kafkaPath + ".autoCommit, or set " + kafkaPath + ".shareGroup to false.");
		}
		if (kafka.isPauseOnError()) {
			problems.problem(kafkaPath + ".pauseOnError",
					"a share group has no partition of its own to pause: a failed record is released for "
							+ "redelivery up to retry.attempts, then rejected (and dead-lettered if configured).",
					"Remove " + kafkaPath + ".pauseOnError, or set " + kafkaPath + ".shareGroup to false.");
		}
		if (topic.getRetry().getMode() != RetryMode.BLOCKING) {
			problems.problem(path + ".retry.mode",
					"a share group retries a failed record by releasing it: the broker delivers it again, "
							+ "counting deliveries, so retry topics and paused partitions do not apply.",
					"Remove " + path + ".retry.mode, or set " + kafkaPath + ".shareGroup to false.");
		}
		if (topic.isIdempotent()) {
			problems.problem(path + ".idempotent",
					"the inbox of an idempotent mapping commits a poll's records with their offsets after one "
							+ "database transaction; a share group acknowledges each record on its own.",
					"Remove " + path + ".idempotent, or set " + kafkaPath + ".shareGroup to false.");
		}
		if (topic.getRetry().getAttempts() > MAX_DELIVERY_COUNT_LIMIT) {
			problems.problem(path + ".retry.attempts",
					"a broker delivers a record of a share group at most group.share.delivery.count.limit times, "
							+ "at most " + MAX_DELIVERY_COUNT_LIMIT + ", was " + topic.getRetry().getAttempts() + ".",
					"Set " + path + ".retry.attempts to " + MAX_DELIVERY_COUNT_LIMIT + " or less.");
		}
		consumerGroupOnly(kafkaPath + ".sessionTimeout", kafka.getSessionTimeout(), "share.session.timeout.ms",
				problems);
		consumerGroupOnly(kafkaPath + ".heartbeatInterval", kafka.getHeartbeatInterval(), "share.heartbeat.interval.ms",
				problems);
		for (String key : kafka.getProperties().keySet()) {
			if (ConsumingMapping.SHARE_CONSUMER_UNSUPPORTED_PROPERTIES.contains(key)) {
				problems.problem(kafkaPath + ".properties[" + key + "]",
						"a share consumer refuses " + key + "; the share group's configuration takes its place.",
						"Remove " + kafkaPath + ".properties[" + key + "].");
			}
		}
	}

	private static void consumerGroupOnly(String path, Object value, String groupConfig,
			ConfigurationProblems problems) {
		if (value != null) {
			problems.problem(path,
					"a share consumer has no " + path.substring(path.lastIndexOf('.') + 1)
							+ " of its own; the share group's " + groupConfig + " decides it.",
					"Remove " + path + " and set " + groupConfig + " on the group with kafka-configs.sh.");
		}
	}

}
