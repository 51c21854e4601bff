package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.reply.ReplyHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request-reply over Kafka: the requesting side of publishing instances, the answering
 * side of consuming mappings, and the headers both use.
 *
 * @author kafka-events
 */
@ConfigurationProperties("events.modules.kafka.request-reply")
public class KafkaRequestReplyProperties {

	/**
	 * Names of the Kafka headers that carry request-reply, the same for requests and
	 * replies, sent and received.
	 */
	private final Headers headers = new Headers();

	/**
	 * Answering side: consuming mappings answer the requests among their records.
	 */
	private final Answering answering = new Answering();

	/**
	 * Requesting side, by the name of a kafkaPublishingEventConsumer instance: requests
	 * are sent through the instance's publishing mappings and their replies read from its
	 * reply topic.
	 */
	private final Map<String, Requester> requesters = new LinkedHashMap<>();

	public Headers getHeaders() {
		return this.headers;
	}

	public Answering getAnswering() {
		return this.answering;
	}

	public Map<String, Requester> getRequesters() {
		return this.requesters;
	}

	/**
	 * Names of the request-reply headers.
	 */
	public static class Headers {

		/**
		 * Header with the correlation id of a request, copied to its reply.
		 */
		private String correlationId = ReplyHeaders.DEFAULT.correlationId();

		/**
		 * Header with the topic a request is answered to (UTF-8 text).
		 */
		private String replyTopic = ReplyHeaders.DEFAULT.replyTopic();

		/**
		 * Header with the partition a request is answered to (4-byte big-endian integer).
		 */
		private String replyPartition = ReplyHeaders.DEFAULT.replyPartition();

		/**
		 * Header that marks an error reply, with the remote error message (UTF-8 text).
		 */
		private String error = ReplyHeaders.DEFAULT.error();

		public String getCorrelationId() {
			return this.correlationId;
		}

		public void setCorrelationId(String correlationId) {
			this.correlationId = correlationId;
		}

		public String getReplyTopic() {
			return this.replyTopic;
		}

		public void setReplyTopic(String replyTopic) {
			this.replyTopic = replyTopic;
		}

		public String getReplyPartition() {
			return this.replyPartition;
		}

		public void setReplyPartition(String replyPartition) {
			this.replyPartition = replyPartition;
		}

		public String getError() {
			return this.error;
		}

		public void setError(String error) {
			this.error = error;
		}

	}

	/**
	 * Answering side.
	 */
	public static class Answering {

		/**
		 * Whether consuming mappings answer records that carry a reply topic and a
		 * correlation id; when off, such records are handled as any other.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Requesting side of one publishing instance.
	 */
	public static class Requester {

		/**
		 * Kafka topic the replies are sent to, on the instance's cluster; with a group,
		 * the topic is "<group>-<replyTopic>".
		 */
		private @Nullable String replyTopic;

		/**
		 * Partition of the reply topic this application instance reads and asks replies
		 * on, so that each application instance has a partition of its own; unset, it
		 * reads every partition in a consumer group of its own and ignores the replies to
		 * other instances.
		 */
		private @Nullable Integer replyPartition;

		/**
		 * Group of the requesting application instances (as NestJS scopes reply topics
		 * per consumer group): the reply topic becomes "<group>-<replyTopic>".
		 */
		private @Nullable String group;

		/**
		 * How long a request waits for its reply, unless its mapping or the call says
		 * otherwise.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Timeouts of the requests of single publishing mappings of the instance.
		 */
		private final List<RequestTopic> topics = new ArrayList<>();

		public @Nullable String getReplyTopic() {
			return this.replyTopic;
		}

		public void setReplyTopic(@Nullable String replyTopic) {
			this.replyTopic = replyTopic;
		}

		public @Nullable Integer getReplyPartition() {
			return this.replyPartition;
		}

		public void setReplyPartition(@Nullable Integer replyPartition) {
			this.replyPartition = replyPartition;
		}

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public List<RequestTopic> getTopics() {
			return this.topics;
		}

	}

	/**
	 * Request settings of one publishing mapping.
	 */
	public static class RequestTopic {

		/**
		 * Events topic of the publishing mapping.
		 */
		private @Nullable String topic;

		/**
		 * How long a request of this mapping waits for its reply.
		 */
		private @Nullable Duration timeout;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

	}

}
