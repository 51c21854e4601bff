package dev.kafkaevents.kafka.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.format.ValueCodec;
import dev.kafkaevents.kafka.inbox.RecordInbox;
import dev.kafkaevents.kafka.reply.RequestAnswerer;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ShareKafkaMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.Assert;

/**
 * The Kafka to events bridge of one consuming mapping: a spring-kafka listener container
 * whose records become events on the mapping's events topic, with its lifecycle, its
 * operator commands and a view of its state.
 * <p>
 * The parts: {@link ConsumingContainerFactory} builds the container,
 * {@link PipelinedBatchListener} publishes each poll's records through a
 * {@link RecordDispatcher}, {@link OffsetCommits} decides when processed offsets are
 * committed ({@code autoCommit}), {@link FailedRecordPolicy} retries, dead-letters, skips
 * or pauses on a failed record ({@code retry}, {@code deadLetterTopic},
 * {@code pauseOnError}), and {@link ConsumerActivity} keeps lag and counters. A mapping
 * with {@code kafka.shareGroup} consumes through {@link ShareGroupConsumption} instead of
 * a listener container of a consumer group.
 *
 * @author kafka-events
 */
public class KafkaConsumingBridge {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private final ConsumingMapping mapping;

	private final ConsumingContainerFactory containerFactory;

	private final ConsumerActivity activity;

	private final RecordDispatcher dispatcher;

	private final FailedRecordPolicy failurePolicy;

	private final @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> container;

	private final @Nullable ContainerStarter starter;

	private final @Nullable ShareGroupConsumption share;

	private final @Nullable ThreadPoolTaskScheduler backOffScheduler;

	private final @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> retryContainer;

	private final @Nullable ContainerStarter retryStarter;

	private final DeadLetterReader deadLetterReader;

	private final DeadLetterReplayer replayer;

	private final Function<RecordInbox, IdempotentBatchListener> idempotentListener;

	private volatile boolean hasInbox;

	private volatile boolean pausedByOperator;

	/**
	 * Create a new bridge for the given mapping, notifying observers of each handled
	 * record.
	 * @param mapping the consuming mapping
	 * @param eventsService the events service records are published to
	 * @param jsonMapper the mapper that parses record values
	 * @param eventPublisher where container events go, usually the application context
	 * @param observers observers of handled records
	 * @param customizers customizers of the mapping's consumer factory
	 */
	public KafkaConsumingBridge(ConsumingMapping mapping, EventsService eventsService, JsonMapper jsonMapper,
			ApplicationEventPublisher eventPublisher, List<ConsumingObserver> observers,
			List<KafkaConsumerFactoryCustomizer> customizers) {
		Assert.notNull(mapping, "'mapping' must not be null");
		Assert.notNull(eventsService, "'eventsService' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		Assert.notNull(observers, "'observers' must not be null");
		Assert.notNull(customizers, "'customizers' must not be null");
		this.mapping = mapping;
		OffsetCommits offsetCommits = new OffsetCommits(mapping);
		this.containerFactory = new ConsumingContainerFactory(mapping, offsetCommits);
		this.activity = new ConsumerActivity(mapping);
		ConsumerThreadTasks tasks = new ConsumerThreadTasks();
		this.backOffScheduler = (mapping.retry().mode() != RetryMode.BLOCKING) ? backOffScheduler(mapping) : null;
		ListenerContainerPauseService pauser = (this.backOffScheduler != null)
				? new ListenerContainerPauseService(null, this.backOffScheduler) : null;
		this.failurePolicy = new FailedRecordPolicy(mapping, this.activity, tasks, offsetCommits, observers,
				(pauser != null && mapping.retry().mode() == RetryMode.PAUSE_PARTITION)
						? new PartitionPausingBackOffHandler(pauser) : null);
		KafkaRecordEvents recordEvents = new KafkaRecordEvents(mapping, ValueCodec.of(mapping.format(), jsonMapper),
				mapping.shareGroup() ? ShareDeliveries::attempt : this.failurePolicy::deliveryAttempt);
		this.dispatcher = new RecordDispatcher(mapping, eventsService, recordEvents, observers);
		this.deadLetterReader = new DeadLetterReader(mapping, offsetCommits.consumerProperties());
		this.replayer = new DeadLetterReplayer(mapping, this.deadLetterReader, this.dispatcher,
				this.failurePolicy.forwarder(), observers);
		this.idempotentListener = (inbox) -> new IdempotentBatchListener(mapping, inbox,
				new MessageIds(mapping, recordEvents), this.dispatcher, this.failurePolicy, this.activity, tasks,
				offsetCommits, observers);
		if (mapping.shareGroup()) {
			this.share = new ShareGroupConsumption(mapping, this.containerFactory, this.dispatcher, this.failurePolicy,
					this.activity, eventPublisher);
			this.container = null;
			this.starter = null;
			this.retryContainer = null;
			this.retryStarter = null;
			return;
		}
		this.share = null;
		PipelinedBatchListener listener = new PipelinedBatchListener(this.dispatcher, this.failurePolicy, this.activity,
				tasks, offsetCommits);
		SecurityFailureLog securityFailures = new SecurityFailureLog(mapping, LogPrefix.of(mapping),
				this.containerFactory.authRetryInterval());
		this.container = this.containerFactory.create(listener,
				new PartitionOwnership(listener, this.failurePolicy, this.activity, offsetCommits),
				this.failurePolicy.errorHandler(),
				new ContainerEventForwarder(eventPublisher, this.activity, tasks, offsetCommits, securityFailures),
				securityFailures, customizers);
		this.failurePolicy.attach(this.container);
		this.starter = new ContainerStarter(mapping, this.container);
		List<String> retryTopics = this.failurePolicy.forwarder().retryTopics();
		this.retryContainer = (pauser != null && !retryTopics.isEmpty())
				? RetryTopicContainer.create(retryTopics, this.containerFactory, this.failurePolicy,
						new RetryTopicListener(this.dispatcher, this.activity), pauser, securityFailures, customizers)
				: null;
		this.retryStarter = (this.retryContainer != null) ? new ContainerStarter(mapping, this.retryContainer) : null;
	}

	private static ThreadPoolTaskScheduler backOffScheduler(ConsumingMapping mapping) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("kafka-events-" + mapping.id() + "-backoff-");
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Set the answerer of the requests among the mapping's records, before the bridge
	 * starts; without one, a record with reply headers is handled as any other.
	 * @param requestAnswerer the answerer, or {@code null}
	 */
	public void setRequestAnswerer(@Nullable RequestAnswerer requestAnswerer) {
		this.dispatcher.setRequestAnswerer(requestAnswerer);
	}

	/**
	 * Set the inbox of an idempotent mapping, before the bridge starts: each poll's
	 * records are then handled in a database transaction with their inbox rows, and
	 * records already in the inbox are skipped ({@link IdempotentBatchListener}).
	 * @param inbox the inbox
	 */
	public void setInbox(RecordInbox inbox) {
		Assert.notNull(inbox, "'inbox' must not be null");
		Assert.state(this.mapping.idempotency() != null, () -> "Mapping '" + this.mapping.id() + "' is not idempotent");
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.container;
		Assert.state(container != null,
				() -> "Mapping '" + this.mapping.id() + "' consumes through a share group, which has no inbox");
		container.setupMessageListener(this.idempotentListener.apply(inbox));
		this.hasInbox = true;
	}

	/**
	 * Set whether the consumer threads of the container are virtual threads, as the
	 * listener containers of Spring Boot are with {@code spring.threads.virtual.enabled};
	 * applies from the next start.
	 * @param virtualThreads whether to use virtual threads, which need Java 21 or later
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.containerFactory.setVirtualThreads(virtualThreads);
	}

	/**
	 * Set the registry of the observation around the handling of each record, which
	 * continues a trace carried in the record's headers; not observed by default.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.dispatcher.setObservationRegistry(observationRegistry);
	}

	/**
	 * Return the mapping this bridge serves.
	 * @return the mapping
	 */
	public ConsumingMapping getMapping() {
		return this.mapping;
	}

	/**
	 * Return the listener container, for inspection.
	 * @return the container
	 * @throws IllegalStateException for a share-group mapping, see
	 * {@link #getShareContainer()}
	 */
	public ConcurrentMessageListenerContainer<byte[], byte[]> getContainer() {
		Assert.state(this.container != null, "A share-group mapping has a share container");
		return this.container;
	}

	/**
	 * Return the share container of a share-group mapping, for inspection.
	 * @return the container, or {@code null} unless the mapping sets
	 * {@code kafka.shareGroup}
	 */
	public @Nullable ShareKafkaMessageListenerContainer<byte[], byte[]> getShareContainer() {
		return (this.share != null) ? this.share.container() : null;
	}

	/**
	 * Return what the share consumers of a share-group mapping have done.
	 * @return the statistics, or {@code null} unless the mapping sets
	 * {@code kafka.shareGroup}
	 */
	public @Nullable ShareGroupStatistics getShareGroupStatistics() {
		return (this.share != null) ? this.share.statistics() : null;
	}

	/**
	 * Start consuming; while none of the brokers' host names resolves, keep trying every
	 * ten seconds without failing.
	 * @throws ShareGroupSetupException if a share-group mapping's brokers cannot serve it
	 */
	public void start() {
		Assert.state(this.mapping.idempotency() == null || this.hasInbox, () -> "Mapping '" + this.mapping.id()
				+ "' is idempotent but has no inbox: it needs spring-jdbc, a DataSource and a transaction manager");
		logger.info(LogPrefix.of(this.mapping) + "starting consumer of " + this.mapping.kafkaTopics() + " in "
				+ ((this.share != null) ? "share group " : "group ") + this.mapping.groupId() + " on brokers "
				+ this.mapping.brokers() + " for events topic " + this.mapping.eventsTopic());
		this.activity.started();
		this.pausedByOperator = false;
		if (this.share != null) {
			this.share.start();
			return;
		}
		this.container.resume();
		this.starter.start();
		if (this.retryContainer != null && this.retryStarter != null) {
			this.retryContainer.resume();
			this.retryStarter.start();
		}
	}

	/**
	 * Stop consuming, finishing the records in hand and committing what was processed.
	 */
	public void stop() {
		if (this.share != null) {
			this.share.stop();
			this.activity.stopped();
			return;
		}
		this.starter.cancel();
		this.container.stop();
		if (this.retryContainer != null && this.retryStarter != null) {
			this.retryStarter.cancel();
			this.retryContainer.stop();
		}
		this.activity.stopped();
	}

	/**
	 * Stop consuming asynchronously.
	 * @param callback called once stopped
	 */
	public void stop(Runnable callback) {
		if (this.share != null) {
			this.share.stop();
			callback.run();
			return;
		}
		this.starter.cancel();
		if (this.retryContainer != null && this.retryStarter != null) {
			this.retryStarter.cancel();
			this.retryContainer.stop();
		}
		this.container.stop(callback);
	}

	/**
	 * Stop and start again, as after a redeploy: partitions paused on error are delivered
	 * again from their failed record.
	 */
	public void restart() {
		stop();
		this.failurePolicy.forget(null);
		start();
	}

	/**
	 * Release what the bridge holds besides its container, such as the dead-letter
	 * producer.
	 */
	public void close() {
		if (this.share != null) {
			this.share.close();
		}
		if (this.starter != null) {
			this.starter.close();
		}
		if (this.retryStarter != null) {
			this.retryStarter.close();
		}
		this.failurePolicy.close();
		if (this.backOffScheduler != null) {
			this.backOffScheduler.destroy();
		}
	}

	/**
	 * Pause every partition of the mapping on behalf of an operator.
	 */
	public void pause() {
		this.pausedByOperator = true;
		if (this.share != null) {
			this.share.pause();
			return;
		}
		this.container.pause();
		if (this.retryContainer != null) {
			this.retryContainer.pause();
		}
		logger.info(LogPrefix.of(this.mapping) + "paused by an operator");
	}

	/**
	 * Resume a mapping paused by an operator; partitions paused on error stay paused.
	 */
	public void resume() {
		this.pausedByOperator = false;
		if (this.share != null) {
			this.share.resume();
			logger.info(LogPrefix.of(this.mapping) + "resumed by an operator");
			return;
		}
		this.container.resume();
		if (this.retryContainer != null) {
			this.retryContainer.resume();
		}
		logger.info(LogPrefix.of(this.mapping) + "resumed by an operator");
	}

	/**
	 * Resume a partition paused on error at its failed record, which is delivered again.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	public boolean retry(TopicPartition partition) {
		return this.failurePolicy.retry(partition);
	}

	/**
	 * Skip the failed record of a partition paused on error: commit past it and resume.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	public boolean skip(TopicPartition partition) {
		return this.failurePolicy.skip(partition);
	}

	/**
	 * Send the failed record of a partition paused on error to the mapping's dead-letter
	 * topic ({@code <kafka topic>.dead-letter} if it has none), then commit past it and
	 * resume; the partition stays paused if it cannot be sent.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	public boolean deadLetter(TopicPartition partition) {
		return this.failurePolicy.deadLetter(partition);
	}

	/**
	 * Return the dead-letter topics of the mapping: its {@code deadLetterTopic}, else the
	 * default {@code <kafka topic>.dead-letter} of each Kafka topic.
	 * @return the dead-letter topics
	 */
	public List<String> getDeadLetterTopics() {
		return DeadLetterPublisher.topics(this.mapping);
	}

	/**
	 * Return the latest records of the mapping's dead-letter topics, newest first.
	 * @param limit how many records at most
	 * @return the records
	 */
	public List<DeadLetterRecord> getDeadLetters(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		return this.deadLetterReader.latest(getDeadLetterTopics(), limit).stream().map(DeadLetterRecord::of).toList();
	}

	/**
	 * Replay the records of a dead-letter topic partition between two offsets, each
	 * marked with a {@link DeadLetterHeaders#REPLAYED} header: to the Kafka topic it
	 * failed on, or straight into the events topic. A range skips records replayed
	 * before; a single record ({@code toOffset} equal to {@code fromOffset}) is replayed
	 * even so.
	 * @param deadLetterTopic one of {@link #getDeadLetterTopics()}
	 * @param partition the partition
	 * @param fromOffset the first offset
	 * @param toOffset the last offset, or {@code null} for up to the end
	 * @param target where to replay to
	 * @return counts of replayed, failed-again and skipped records
	 */
	public ReplayResult replay(String deadLetterTopic, int partition, long fromOffset, @Nullable Long toOffset,
			ReplayTarget target) {
		return this.replayer.replay(deadLetterTopic, partition, fromOffset, toOffset, target);
	}

	/**
	 * Return the retry topics of the mapping, consumed by a container of their own.
	 * @return the retry topics, empty unless {@code retry.mode} is {@code topics}
	 */
	public List<String> getRetryTopics() {
		return this.failurePolicy.forwarder().retryTopics();
	}

	/**
	 * Return the container of the mapping's retry topics, for inspection.
	 * @return the container, or {@code null} unless {@code retry.mode} is {@code topics}
	 */
	public @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> getRetryContainer() {
		return this.retryContainer;
	}

	/**
	 * Return whether the container is running.
	 * @return whether consuming
	 */
	public boolean isRunning() {
		return (this.share != null) ? this.share.isRunning() : this.container.isRunning();
	}

	/**
	 * Return what the mapping is doing.
	 * @return the state
	 */
	public ConsumingState getState() {
		if (this.share != null) {
			return this.share.state();
		}
		if (this.starter.isWaiting()) {
			return ConsumingState.NOT_CONNECTED;
		}
		if (!this.container.isRunning()) {
			return ConsumingState.STOPPED;
		}
		if (this.failurePolicy.isPausedOnError()) {
			return ConsumingState.PAUSED_ON_ERROR;
		}
		if (this.pausedByOperator) {
			return ConsumingState.PAUSED;
		}
		return getAssignedPartitions().isEmpty() ? ConsumingState.NOT_CONNECTED : ConsumingState.RUNNING;
	}

	/**
	 * Return the partitions assigned to this application's consumers of the mapping.
	 * @return the assigned partitions
	 */
	public Set<TopicPartition> getAssignedPartitions() {
		if (this.container == null) {
			return Set.of();
		}
		Collection<TopicPartition> assigned = this.container.getAssignedPartitions();
		return (assigned != null) ? Set.copyOf(assigned) : Set.of();
	}

	/**
	 * Return the partitions currently paused, by an operator or on error.
	 * @return the paused partitions
	 */
	public Set<TopicPartition> getPausedPartitions() {
		Set<TopicPartition> paused = new HashSet<>(this.failurePolicy.pausedOnError().keySet());
		if (this.pausedByOperator) {
			paused.addAll(getAssignedPartitions());
		}
		return paused;
	}

	/**
	 * Return the partitions paused because a record failed, with that record.
	 * @return the failed records by partition
	 */
	public Map<TopicPartition, FailedRecord> getPausedOnError() {
		return this.failurePolicy.pausedOnError();
	}

	/**
	 * Return the lag of each assigned partition: records between the consumer's position
	 * and the end of the partition, as of the last fetch.
	 * @return the lag by partition
	 */
	public Map<TopicPartition, Long> getLag() {
		return this.activity.lag(getAssignedPartitions());
	}

	/**
	 * Add a callback notified, on the consumer thread, of partitions assigned to the
	 * mapping's consumers.
	 * @param listener the callback
	 */
	public void addAssignmentListener(java.util.function.Consumer<Collection<TopicPartition>> listener) {
		this.activity.addAssignmentListener(listener);
	}

	/**
	 * Return the number of records handled successfully or skipped after a failure.
	 * @return the processed record count
	 */
	public long getProcessedCount() {
		return this.activity.processedCount();
	}

	/**
	 * Return the number of records the mapping's filter turned away.
	 * @return the filtered record count
	 */
	public long getFilteredCount() {
		return this.activity.filteredCount();
	}

	/**
	 * Return the number of records an idempotent mapping acknowledged without running the
	 * handlers, their message ids being in the inbox.
	 * @return the duplicate record count
	 */
	public long getDuplicateCount() {
		return this.activity.duplicateCount();
	}

	/**
	 * Return the number of records whose processing failed.
	 * @return the failed record count
	 */
	public long getFailedCount() {
		return this.activity.failedCount();
	}

	/**
	 * Return when the last record was received.
	 * @return the time of the last record, or {@code null}
	 */
	public @Nullable Instant getLastEventTime() {
		return this.activity.lastEventTime();
	}

}
