package dev.kafkaevents.kafka.reply;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a publishing instance sends requests and receives their replies.
 *
 * @param instance name of the publishing instance
 * @param replyTopic Kafka topic the replies are sent to, the group prefix included
 * @param replyPartition partition of the reply topic this application reads, or
 * {@code null} to read every partition in a consumer group of its own
 * @param replyGroupId consumer group of the reply consumer, unique to this application
 * instance
 * @param timeout how long a request waits for its reply unless its mapping or the call
 * says otherwise
 * @param timeouts timeouts by events topic of the instance's publishing mappings
 * @author kafka-events
 */
public record RequesterSettings(String instance, String replyTopic, @Nullable Integer replyPartition,
		String replyGroupId, Duration timeout, Map<String, Duration> timeouts) {

	/**
	 * Create new settings.
	 * @param instance instance name
	 * @param replyTopic reply topic
	 * @param replyPartition reply partition, or {@code null}
	 * @param replyGroupId reply consumer group
	 * @param timeout default timeout
	 * @param timeouts timeouts by events topic
	 */
	public RequesterSettings {
		Assert.hasText(instance, "'instance' must not be empty");
		Assert.hasText(replyTopic, "'replyTopic' must not be empty");
		Assert.isTrue(replyPartition == null || replyPartition >= 0, "'replyPartition' must not be negative");
		Assert.hasText(replyGroupId, "'replyGroupId' must not be empty");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		timeouts = Map.copyOf(timeouts);
	}

	/**
	 * Return the timeout of the requests of a publishing mapping.
	 * @param eventsTopic the events topic of the mapping
	 * @return the mapping's timeout, or the instance's
	 */
	public Duration timeout(String eventsTopic) {
		return this.timeouts.getOrDefault(eventsTopic, this.timeout);
	}

}
