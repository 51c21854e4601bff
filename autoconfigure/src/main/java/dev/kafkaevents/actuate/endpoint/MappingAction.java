package dev.kafkaevents.actuate.endpoint;

import java.util.List;
import java.util.function.Predicate;

import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator can do to a consuming mapping through the {@code kafkaevents}
 * endpoint; the request's {@code action} names one, case-insensitively.
 *
 * @author kafka-events
 */
public enum MappingAction {

	/**
	 * Pause every partition of the mapping.
	 */
	PAUSE {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			bridge.pause();
		}

	},

	/**
	 * Resume the partitions paused by an operator.
	 */
	RESUME {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			bridge.resume();
		}

	},

	/**
	 * Retry the failed record of each selected partition paused on error.
	 */
	RETRY {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			pausedOnError(bridge, selected).forEach(bridge::retry);
		}

	},

	/**
	 * Commit past the failed record of each selected partition paused on error and resume
	 * it.
	 */
	SKIP {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			pausedOnError(bridge, selected).forEach(bridge::skip);
		}

	},

	/**
	 * Send the failed record of each selected partition paused on error to the mapping's
	 * dead-letter topic, commit past it and resume it.
	 */
	DEAD_LETTER {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			pausedOnError(bridge, selected).forEach(bridge::deadLetter);
		}

	},

	/**
	 * Stop the mapping's consumers and start them again.
	 */
	RESTART {

		@Override
		void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
			bridge.restart();
		}

	};

	abstract void apply(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected);

	private static List<TopicPartition> pausedOnError(KafkaConsumingBridge bridge, Predicate<TopicPartition> selected) {
		return bridge.getPausedOnError().keySet().stream().filter(selected).toList();
	}

}
