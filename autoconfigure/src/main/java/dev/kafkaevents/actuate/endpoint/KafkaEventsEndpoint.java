package dev.kafkaevents.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.DeadLetterRecord;
import dev.kafkaevents.kafka.consumer.FailedRecord;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.consumer.ReplayResult;
import dev.kafkaevents.kafka.consumer.ShareGroupStatistics;
import dev.kafkaevents.kafka.consumer.ReplayTarget;
import dev.kafkaevents.kafka.inbox.InboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxStatistics;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridge;
import dev.kafkaevents.kafka.reply.AnswerStatistics;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.MappingRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerer;
import dev.kafkaevents.kafka.reply.RequestAnswerers;
import dev.kafkaevents.kafka.reply.RequestStatistics;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that shows every Kafka events instance and mapping with its
 * state, and lets an operator pause, resume, retry, skip, dead-letter or restart a
 * consuming mapping, and browse and replay its dead-letter topics. Never shows secrets:
 * only ids, topics, groups, brokers and counters, and dead-letter records without the
 * values of headers named as secrets.
 *
 * @author kafka-events
 */
@Endpoint(id = "kafkaevents")
public class KafkaEventsEndpoint {

	/**
	 * The last path segment of the dead-letter operations.
	 */
	public static final String DEAD_LETTERS = "dead-letters";

	/**
	 * The part of a publishing mapping that holds its outbox rows.
	 */
	public static final String OUTBOX = "outbox";

	private static final int DEFAULT_BROWSE_LIMIT = 20;

	private static final int MAX_BROWSE_LIMIT = 500;

	private final KafkaInstanceRegistry registry;

	private final KafkaConsumingBridges consumingBridges;

	private final List<KafkaPublishingBridge> publishingBridges;

	private final @Nullable OutboxRepository outbox;

	private Map<String, MappingRequests> requests = Map.of();

	private @Nullable InboxRepository inbox;

	private Map<String, RequestAnswerer> answerers = Map.of();

	/**
	 * Create a new endpoint.
	 * @param registry the configured instances and mappings
	 * @param consumingBridges the running consuming bridges
	 * @param publishingBridges the running publishing bridges
	 */
	public KafkaEventsEndpoint(KafkaInstanceRegistry registry, KafkaConsumingBridges consumingBridges,
			List<KafkaPublishingBridge> publishingBridges) {
		this(registry, consumingBridges, publishingBridges, null);
	}

	/**
	 * Create a new endpoint that also shows and operates the transactional outbox.
	 * @param registry the configured instances and mappings
	 * @param consumingBridges the running consuming bridges
	 * @param publishingBridges the running publishing bridges
	 * @param outbox the outbox rows, or {@code null} without outbox
	 */
	public KafkaEventsEndpoint(KafkaInstanceRegistry registry, KafkaConsumingBridges consumingBridges,
			List<KafkaPublishingBridge> publishingBridges, @Nullable OutboxRepository outbox) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(consumingBridges, "'consumingBridges' must not be null");
		Assert.notNull(publishingBridges, "'publishingBridges' must not be null");
		this.registry = registry;
		this.consumingBridges = consumingBridges;
		this.publishingBridges = List.copyOf(publishingBridges);
		this.outbox = outbox;
	}

	/**
	 * Set the inbox rows, shown with the idempotent consuming mappings.
	 * @param inbox the inbox rows, or {@code null} without inbox
	 */
	public void setInbox(@Nullable InboxRepository inbox) {
		this.inbox = inbox;
	}

	/**
	 * Set where the request-reply counts of the mappings come from.
	 * @param requests the requesting side, or {@code null}
	 * @param answerers the answering side, or {@code null}
	 */
	public void setRequestReply(@Nullable KafkaRequests requests, @Nullable RequestAnswerers answerers) {
		this.requests = (requests != null) ? requests.getMappings()
			.stream()
			.collect(Collectors.toMap((each) -> each.getMapping().id(), Function.identity())) : Map.of();
		this.answerers = (answerers != null) ? answerers.getAnswerers()
			.stream()
			.collect(Collectors.toMap((each) -> each.getMapping().id(), Function.identity())) : Map.of();
	}

	/**
	 * Describe every instance.
	 * @return the instances by name
	 */
	@ReadOperation
	public InstancesDescriptor instances() {
		Map<String, InstanceDescriptor> instances = new LinkedHashMap<>();
		for (KafkaInstance instance : this.registry.getInstances()) {
			instances.put(instance.name(), describeInstance(instance.name(), (id) -> true));
		}
		return new InstancesDescriptor(instances);
	}

	/**
	 * Describe one instance.
	 * @param instance the instance name
	 * @return the instance, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable InstanceDescriptor instance(@Selector String instance) {
		return this.registry.getInstance(instance)
			.map((found) -> describeInstance(found.name(), (id) -> true))
			.orElse(null);
	}

	/**
	 * Describe the mappings of an instance for one events topic, in both directions.
	 * @param instance the instance name
	 * @param mapping the mapping name: its events topic, with a {@code .2} suffix for a
	 * second mapping of the same topic
	 * @return the mappings, or {@code null} (404) if there are none
	 */
	@ReadOperation
	public @Nullable InstanceDescriptor mapping(@Selector String instance, @Selector String mapping) {
		String id = instance + "." + mapping;
		InstanceDescriptor descriptor = describeInstance(instance, id::equals);
		return (descriptor.consuming().isEmpty() && descriptor.publishing().isEmpty()) ? null : descriptor;
	}

	/**
	 * Act on a consuming mapping: {@code pause} and {@code resume} all its partitions,
	 * {@code retry} the failed records of its partitions paused on error, {@code skip}
	 * them (commit past them and resume), {@code dead-letter} them (send them to the
	 * dead-letter topic, commit past them and resume), or {@code restart} its consumers.
	 * @param instance the instance name
	 * @param mapping the mapping name
	 * @param action what to do
	 * @param topic with retry, skip or dead-letter, only the partitions of this Kafka
	 * topic
	 * @param partition with retry, skip or dead-letter, only this partition
	 * @return the mapping after the action, or {@code null} (404) if there is no such
	 * consuming mapping
	 */
	@WriteOperation
	public @Nullable ConsumingDescriptor operate(@Selector String instance, @Selector String mapping,
			MappingAction action, @Nullable String topic, @Nullable Integer partition) {
		KafkaConsumingBridge bridge = this.consumingBridges.find(instance + "." + mapping).orElse(null);
		if (bridge == null) {
			return null;
		}
		Predicate<TopicPartition> selected = (candidate) -> (topic == null || topic.equals(candidate.topic()))
				&& (partition == null || partition == candidate.partition());
		action.apply(bridge, selected);
		return describe(bridge);
	}

	/**
	 * Act on a part of a mapping, at {@code <instance>/<mapping>/<part>}: its
	 * {@value #DEAD_LETTERS} (see {@link #deadLetters}) or its {@value #OUTBOX} (see
	 * {@link #outbox}). One operation for both, since Actuator maps operations by their
	 * path alone.
	 * @param instance the instance name
	 * @param mapping the mapping name
	 * @param part {@value #DEAD_LETTERS} or {@value #OUTBOX}
	 * @param action the action, one of {@link DeadLetterAction} or {@link OutboxAction}
	 * @param limit with browse, how many of the latest records to show
	 * @param topic with replay, the dead-letter topic
	 * @param partition with replay, the dead-letter topic partition
	 * @param offset with replay, the offset of the one record to replay
	 * @param fromOffset with replay, the first offset of the range to replay
	 * @param toOffset with replay, the last offset of the range
	 * @param target with replay, {@code kafka} (the default) or {@code events}
	 * @return what the action did, or {@code null} (404) if there is no such mapping
	 */
	@WriteOperation
	public @Nullable OperationResponseBody mappingPart(@Selector String instance, @Selector String mapping,
			@Selector String part, String action, @Nullable Integer limit, @Nullable String topic,
			@Nullable Integer partition, @Nullable Long offset, @Nullable Long fromOffset, @Nullable Long toOffset,
			@Nullable ReplayTarget target) {
		return switch (part) {
			case DEAD_LETTERS -> deadLetters(instance, mapping, part, action(DeadLetterAction.class, action), limit,
					topic, partition, offset, fromOffset, toOffset, target);
			case OUTBOX -> outbox(instance, mapping, part, action(OutboxAction.class, action));
			default -> throw new InvalidEndpointRequestException(
					"Unknown part '" + part + "', expected " + DEAD_LETTERS + " or " + OUTBOX, "Unknown part");
		};
	}

	private static <E extends Enum<E>> E action(Class<E> type, String action) {
		for (E candidate : type.getEnumConstants()) {
			if (candidate.name().replace('_', '-').equalsIgnoreCase(action.replace('_', '-'))) {
				return candidate;
			}
		}
		throw new InvalidEndpointRequestException(
				"Unknown action '" + action + "', expected one of " + Arrays.toString(type.getEnumConstants()),
				"Unknown action");
	}

	/**
	 * Browse or replay the dead-letter topics of a consuming mapping, at
	 * {@code <instance>/<mapping>/dead-letters}. A write operation, so that an operator
	 * who may only read never sees failed records' values.
	 * @param instance the instance name
	 * @param mapping the mapping name
	 * @param view {@value #DEAD_LETTERS}
	 * @param action {@code browse} or {@code replay}
	 * @param limit with browse, how many of the latest records to show
	 * @param topic with replay, the dead-letter topic, needed when the mapping has
	 * several
	 * @param partition with replay, the dead-letter topic partition
	 * @param offset with replay, the offset of the one record to replay
	 * @param fromOffset with replay, the first offset of the range to replay
	 * @param toOffset with replay, the last offset of the range, by default up to the end
	 * @param target with replay, {@code kafka} (the default) or {@code events}
	 * @return the dead-letter topics with the records or the replay counts, or
	 * {@code null} if there is no such consuming mapping
	 */
	public @Nullable DeadLettersDescriptor deadLetters(String instance, String mapping, String view,
			DeadLetterAction action, @Nullable Integer limit, @Nullable String topic, @Nullable Integer partition,
			@Nullable Long offset, @Nullable Long fromOffset, @Nullable Long toOffset, @Nullable ReplayTarget target) {
		if (!DEAD_LETTERS.equals(view)) {
			throw new InvalidEndpointRequestException("Unknown view '" + view + "', expected " + DEAD_LETTERS,
					"Unknown view");
		}
		KafkaConsumingBridge bridge = this.consumingBridges.find(instance + "." + mapping).orElse(null);
		if (bridge == null) {
			return null;
		}
		if (action == DeadLetterAction.BROWSE) {
			int browsed = (limit != null) ? Math.max(1, Math.min(limit, MAX_BROWSE_LIMIT)) : DEFAULT_BROWSE_LIMIT;
			return new DeadLettersDescriptor(bridge.getDeadLetterTopics(), bridge.getDeadLetters(browsed), null);
		}
		long first = required((offset != null) ? offset : fromOffset, "offset or fromOffset");
		ReplayResult replayed = bridge.replay(deadLetterTopic(bridge, topic), required(partition, "partition"), first,
				(offset != null) ? offset : toOffset, (target != null) ? target : ReplayTarget.KAFKA);
		return new DeadLettersDescriptor(bridge.getDeadLetterTopics(), List.of(), replayed);
	}

	private static String deadLetterTopic(KafkaConsumingBridge bridge, @Nullable String topic) {
		List<String> topics = bridge.getDeadLetterTopics();
		if (topic == null && topics.size() == 1) {
			return topics.get(0);
		}
		if (topic == null || !topics.contains(topic)) {
			throw new InvalidEndpointRequestException("'topic' must be one of " + topics, "Invalid dead-letter topic");
		}
		return topic;
	}

	private static <T> T required(@Nullable T value, String name) {
		if (value == null) {
			throw new InvalidEndpointRequestException("Replay needs " + name, "Missing " + name);
		}
		return value;
	}

	/**
	 * Retry or discard the {@code FAILED} outbox rows of an outbox-backed publishing
	 * mapping: {@code POST /actuator/kafkaevents/<instance>/<mapping>/outbox} with
	 * {@code {"action": "RETRY"}} or {@code {"action": "DISCARD"}}.
	 * @param instance the instance name
	 * @param mapping the events topic of the mapping, as in its id
	 * @param part {@code outbox}
	 * @param action what to do with the failed rows
	 * @return the number of rows retried or discarded and the outbox of the mapping after
	 * the action, or {@code null} (404) if there is no such outbox-backed mapping
	 */
	public @Nullable OutboxActionDescriptor outbox(String instance, String mapping, String part, OutboxAction action) {
		String id = instance + "." + mapping;
		OutboxRepository rows = this.outbox;
		boolean known = this.registry.getPublishingMappings()
			.stream()
			.anyMatch((candidate) -> candidate.outbox() && candidate.id().equals(id));
		if (rows == null || !known || !OUTBOX.equals(part)) {
			return null;
		}
		int affected = (action == OutboxAction.RETRY) ? rows.retryFailed(id, Instant.now()) : rows.discardFailed(id);
		return new OutboxActionDescriptor(action, affected, outboxOf(id));
	}

	private @Nullable OutboxDescriptor outboxOf(String mappingId) {
		OutboxRepository rows = this.outbox;
		if (rows == null) {
			return null;
		}
		Instant now = Instant.now();
		OutboxStatistics statistics = rows.statistics(now).getOrDefault(mappingId, OutboxStatistics.EMPTY);
		Duration age = statistics.oldestPendingAge();
		return new OutboxDescriptor(statistics.pending(), statistics.failed(), (age != null) ? age.toString() : null);
	}

	private InstanceDescriptor describeInstance(String instance, Predicate<String> ids) {
		List<ConsumingDescriptor> consuming = new ArrayList<>();
		for (KafkaConsumingBridge bridge : this.consumingBridges.getBridges()) {
			ConsumingMapping mapping = bridge.getMapping();
			if (mapping.instance().equals(instance) && ids.test(mapping.id())) {
				consuming.add(describe(bridge));
			}
		}
		List<PublishingDescriptor> publishing = new ArrayList<>();
		for (KafkaPublishingBridge bridge : this.publishingBridges) {
			PublishingMapping mapping = bridge.getMapping();
			if (mapping.instance().equals(instance) && ids.test(mapping.id())) {
				publishing.add(new PublishingDescriptor(mapping.id(), mapping.clientId(), mapping.brokers(),
						mapping.eventsTopic(), mapping.kafkaTopic(), bridge.isRunning() ? "RUNNING" : "STOPPED",
						bridge.getSentCount(), bridge.getFailedCount(), bridge.getSkippedEchoCount(),
						bridge.getFilteredCount(), mapping.outbox() ? outboxOf(mapping.id()) : null,
						RequestsDescriptor.of(this.requests.get(mapping.id()))));
			}
		}
		return new InstanceDescriptor(consuming, publishing);
	}

	private ConsumingDescriptor describe(KafkaConsumingBridge bridge) {
		ConsumingMapping mapping = bridge.getMapping();
		Map<String, FailedRecord> failed = new TreeMap<>();
		bridge.getPausedOnError().forEach((partition, record) -> failed.put(partition.toString(), record));
		Map<String, Long> lag = new TreeMap<>();
		bridge.getLag().forEach((partition, value) -> lag.put(partition.toString(), value));
		return new ConsumingDescriptor(mapping.id(), mapping.clientId(), mapping.brokers(), mapping.eventsTopic(),
				mapping.kafkaTopics(), mapping.groupId(), mapping.autoCommit(), mapping.pauseOnError(),
				bridge.getState(), names(bridge.getAssignedPartitions()), names(bridge.getPausedPartitions()), lag,
				bridge.getProcessedCount(), bridge.getFilteredCount(), bridge.getFailedCount(),
				bridge.getLastEventTime(), failed, mapping.retry().mode(), bridge.getRetryTopics(),
				mapping.deadLetterTopics(), AnswersDescriptor.of(this.answerers.get(mapping.id())),
				bridge.getShareGroupStatistics(), inboxOf(bridge));
	}

	private @Nullable InboxDescriptor inboxOf(KafkaConsumingBridge bridge) {
		InboxRepository rows = this.inbox;
		if (bridge.getMapping().idempotency() == null) {
			return null;
		}
		return new InboxDescriptor(bridge.getDuplicateCount(),
				(rows != null) ? rows.size(bridge.getMapping().id()) : null);
	}

	private static List<String> names(Set<TopicPartition> partitions) {
		return partitions.stream().map(TopicPartition::toString).sorted().toList();
	}

	/**
	 * Every instance, by name.
	 *
	 * @param instances the instances
	 */
	public record InstancesDescriptor(Map<String, InstanceDescriptor> instances) implements OperationResponseBody {

	}

	/**
	 * The mappings of one instance.
	 *
	 * @param consuming mappings from Kafka to events
	 * @param publishing mappings from events to Kafka
	 */
	public record InstanceDescriptor(List<ConsumingDescriptor> consuming,
			List<PublishingDescriptor> publishing) implements OperationResponseBody {

	}

	/**
	 * A consuming mapping and what it is doing.
	 *
	 * @param id mapping id
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic records are published to
	 * @param kafkaTopics Kafka topics consumed
	 * @param groupId consumer group
	 * @param autoCommit whether offsets are committed asynchronously after each poll
	 * @param pauseOnError whether a failed record pauses its partition
	 * @param state what the mapping is doing
	 * @param assignedPartitions partitions assigned to this application
	 * @param pausedPartitions partitions paused by an operator or on error
	 * @param lag records behind the end of each assigned partition
	 * @param processed records processed (handled or skipped)
	 * @param filtered records the mapping's filter turned away
	 * @param failed records whose processing failed
	 * @param lastEventTime when the last record was received
	 * @param failedRecords for each partition paused on error, the record that failed
	 * @param retryMode how the waits between attempts are made
	 * @param retryTopics the retry topics, with {@code retry.mode: topics}
	 * @param deadLetterTopics the dead-letter topics failed records are sent to
	 * @param answers the requests among the records that were answered, or {@code null}
	 * when answering is off
	 * @param shareGroup with {@code kafka.shareGroup}, this application's members of the
	 * share group, records in flight and acknowledgement counts, else {@code null}
	 * @param inbox the inbox of an idempotent mapping, or {@code null}
	 */
	public record ConsumingDescriptor(String id, String clientId, List<String> brokers, String eventsTopic,
			List<String> kafkaTopics, String groupId, boolean autoCommit, boolean pauseOnError, ConsumingState state,
			List<String> assignedPartitions, List<String> pausedPartitions, Map<String, Long> lag, long processed,
			long filtered, long failed, @Nullable Instant lastEventTime, Map<String, FailedRecord> failedRecords,
			RetryMode retryMode, List<String> retryTopics, List<String> deadLetterTopics,
			@Nullable AnswersDescriptor answers, @Nullable ShareGroupStatistics shareGroup,
			@Nullable InboxDescriptor inbox) implements OperationResponseBody {

	}

	/**
	 * The inbox of an idempotent consuming mapping.
	 *
	 * @param duplicates records acknowledged without running the handlers since start,
	 * their message ids being in the inbox
	 * @param size rows of the mapping in the inbox, or {@code null} if unknown
	 */
	public record InboxDescriptor(long duplicates, @Nullable Long size) {

	}

	/**
	 * The dead-letter topics of a consuming mapping, with browsed records or what a
	 * replay did.
	 *
	 * @param deadLetterTopics the mapping's dead-letter topics, the default
	 * {@code <kafka topic>.dead-letter} ones when it sets none
	 * @param records with browse, the latest records, newest first
	 * @param replay with replay, the counts of replayed, failed-again and skipped records
	 */
	public record DeadLettersDescriptor(List<String> deadLetterTopics, List<DeadLetterRecord> records,
			@Nullable ReplayResult replay) implements OperationResponseBody {

	}

	/**
	 * A publishing mapping.
	 *
	 * @param id mapping id
	 * @param clientId Kafka client id
	 * @param brokers bootstrap brokers
	 * @param eventsTopic events topic subscribed to
	 * @param kafkaTopic Kafka topic sent to
	 * @param state {@code RUNNING} while accepting events, else {@code STOPPED}
	 * @param sent events the broker acknowledged
	 * @param failed events whose sending failed
	 * @param skipped events not sent back to the Kafka topic they came from
	 * @param filtered events the mapping's filter turned away
	 * @param outbox the outbox rows of an outbox-backed mapping, or {@code null}
	 * @param requests the requests sent through the mapping, or {@code null} when its
	 * instance is not a requester
	 */
	public record PublishingDescriptor(String id, String clientId, List<String> brokers, String eventsTopic,
			String kafkaTopic, String state, long sent, long failed, long skipped, long filtered,
			@Nullable OutboxDescriptor outbox, @Nullable RequestsDescriptor requests) implements OperationResponseBody {

	}

	/**
	 * The outbox rows of a publishing mapping.
	 *
	 * @param pending rows not sent yet
	 * @param failed rows given up as {@code FAILED}, kept until retried or discarded
	 * @param oldestPendingAge age of the oldest pending row (ISO-8601), or {@code null}
	 * when none is pending
	 */
	public record OutboxDescriptor(long pending, long failed,
			@Nullable String oldestPendingAge) implements OperationResponseBody {
	}

	/**
	 * The requests sent through a publishing mapping.
	 *
	 * @param replyTopic topic the replies are sent to
	 * @param timeout how long a request waits by default
	 * @param inFlight requests waiting for their reply
	 * @param replies requests answered
	 * @param errors requests answered with an error
	 * @param timeouts requests without reply in time
	 * @param failures requests that could not be sent
	 * @param lateReplies replies that arrived after their request timed out
	 */
	public record RequestsDescriptor(String replyTopic, Duration timeout, int inFlight, long replies, long errors,
			long timeouts, long failures, long lateReplies) {

		static @Nullable RequestsDescriptor of(@Nullable MappingRequests requests) {
			if (requests == null) {
				return null;
			}
			RequestStatistics statistics = requests.getStatistics();
			return new RequestsDescriptor(requests.getReplyTopic(), requests.getTimeout(), statistics.getInFlight(),
					statistics.getReplies(), statistics.getErrors(), statistics.getTimeouts(), statistics.getFailures(),
					statistics.getLateReplies());
		}

	}

	/**
	 * What an outbox action did.
	 *
	 * @param action the action
	 * @param rows rows retried or discarded
	 * @param outbox the outbox rows of the mapping after the action
	 */
	public record OutboxActionDescriptor(OutboxAction action, int rows,
			@Nullable OutboxDescriptor outbox) implements OperationResponseBody {

	}

	/**
	 * What to do with the {@code FAILED} outbox rows of a mapping.
	 */
	public enum OutboxAction {

		/**
		 * Make them pending again, to be sent after the rows pending before them.
		 */
		RETRY,

		/**
		 * Delete them.
		 */
		DISCARD

	}

	/**
	 * The requests a consuming mapping answered.
	 *
	 * @param answered replies sent with a handler's answer
	 * @param errors error replies sent
	 * @param unanswered requests no handler answered
	 */
	public record AnswersDescriptor(long answered, long errors, long unanswered) {

		static @Nullable AnswersDescriptor of(@Nullable RequestAnswerer answerer) {
			if (answerer == null) {
				return null;
			}
			AnswerStatistics statistics = answerer.getStatistics();
			return new AnswersDescriptor(statistics.getAnswered(), statistics.getErrors(), statistics.getUnanswered());
		}

	}

}
