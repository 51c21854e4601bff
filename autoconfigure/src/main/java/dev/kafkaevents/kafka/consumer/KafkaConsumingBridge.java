package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.ConsumingMapping;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.KafkaBackoffException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.util.Assert;

/**
 * The Kafka to events bridge of one consuming mapping: a spring-kafka listener container
 * whose records become events on the mapping's events topic.
 * <p>
 * The records of each poll are published without waiting for one another, so that
 * asynchronous subscribers overlap; the poll's outcomes are then applied in offset order
 * per partition, and only offsets of processed records are committed: after each poll
 * when {@code autoCommit} is false, periodically when it is true. A failed record goes to
 * the container's spring-kafka {@code DefaultErrorHandler}, which retries it with the
 * mapping's back-off and then sends it to the dead-letter topic, skips it, or with
 * {@code pauseOnError} pauses its partition at that record until
 * {@link #retry(TopicPartition) retried} or {@link #skip(TopicPartition) skipped}. When
 * the brokers refuse the consumer's credentials, it retries every ten seconds (less when
 * {@code rebalanceTimeout} is short) and logs why each time.
 *
 * @author kafka-events
 */
public class KafkaConsumingBridge {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final Duration DEFAULT_AUTO_COMMIT_INTERVAL = Duration.ofSeconds(5);

	private static final long IDLE_EVENT_INTERVAL = 1000;

	private static final Duration UNASSIGNED_WARNING_DELAY = Duration.ofSeconds(15);

	private static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(10);

	private final ConsumingMapping mapping;

	private final EventsService eventsService;

	private final KafkaRecordEvents recordEvents;

	private final SimpleAsyncTaskExecutor listenerTaskExecutor;

	private final ConcurrentMessageListenerContainer<byte[], byte[]> container;

	private final Duration commitInterval;

	private final Map<TopicPartition, FailedRecord> pausedOnError = new ConcurrentHashMap<>();

	private final RecordRecovery recovery;

	private final Collection<Operation> operations = new ConcurrentLinkedQueue<>();

	private final List<ConsumingObserver> observers;

	private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

	private final AtomicLong processedCount = new AtomicLong();

	private final AtomicLong failedCount = new AtomicLong();

	private volatile @Nullable Instant lastEventTime;

	private volatile boolean pausedByOperator;

	private final List<java.util.function.Consumer<Collection<TopicPartition>>> assignmentListeners = new CopyOnWriteArrayList<>();

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile long startedAt;

	private final AtomicBoolean unassignedWarningLogged = new AtomicBoolean();

	private final SecurityFailureLog securityFailures;

	/**
	 * Create a new bridge for the given mapping.
	 * @param mapping the consuming mapping
	 * @param eventsService the events service records are published to
	 * @param jsonMapper the mapper that parses record values
	 * @param eventPublisher where container events go, usually the application context
	 */
	public KafkaConsumingBridge(ConsumingMapping mapping, EventsService eventsService, JsonMapper jsonMapper,
			ApplicationEventPublisher eventPublisher) {
		this(mapping, eventsService, jsonMapper, eventPublisher, List.of(), List.of());
	}

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
		this.observers = List.copyOf(observers);
		this.mapping = mapping;
		this.eventsService = eventsService;
		this.recordEvents = new KafkaRecordEvents(jsonMapper, mapping.brokers());
		this.commitInterval = mapping.autoCommit() ? autoCommitInterval(mapping) : Duration.ZERO;
		this.listenerTaskExecutor = listenerTaskExecutor();
		this.securityFailures = new SecurityFailureLog(mapping, logPrefix(), authRetryInterval(mapping));
		this.recovery = new RecordRecovery(mapping);
		this.container = createContainer(eventPublisher, customizers);
	}

	private static Duration autoCommitInterval(ConsumingMapping mapping) {
		Object interval = mapping.consumerProperties().get(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		return (interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString()))
				: DEFAULT_AUTO_COMMIT_INTERVAL;
	}

	private static Duration authRetryInterval(ConsumingMapping mapping) {
		Object maxPollInterval = mapping.consumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
		Duration half = (maxPollInterval != null) ? Duration.ofMillis(Long.parseLong(maxPollInterval.toString()) / 2)
				: AUTH_RETRY_INTERVAL;
		return (half.compareTo(AUTH_RETRY_INTERVAL) < 0) ? half : AUTH_RETRY_INTERVAL;
	}

	private ConcurrentMessageListenerContainer<byte[], byte[]> createContainer(ApplicationEventPublisher eventPublisher,
			List<KafkaConsumerFactoryCustomizer> customizers) {
		Map<String, Object> consumerProperties = new HashMap<>(this.mapping.consumerProperties());
		consumerProperties.remove(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		ContainerProperties properties = new ContainerProperties(this.mapping.kafkaTopics().toArray(String[]::new));
		properties.setGroupId(this.mapping.groupId());
		properties.setAckMode(AckMode.MANUAL);
		properties.setIdleEventInterval(IDLE_EVENT_INTERVAL);
		properties.setMessageListener(new Listener());
		properties.setConsumerRebalanceListener(new RebalanceListener());
		properties.setListenerTaskExecutor(this.listenerTaskExecutor);
		properties.setAuthExceptionRetryInterval(authRetryInterval(this.mapping));
		DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(
				consumerProperties);
		consumerFactory.addPostProcessor(this.securityFailures::watch);
		customizers.forEach((customizer) -> customizer.customize(this.mapping, consumerFactory));
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumerFactory, properties);
		container.setConcurrency(this.mapping.concurrency());
		container.setBeanName(this.mapping.id());
		container.setAutoStartup(false);
		container.setApplicationEventPublisher(new IdleAwareEventPublisher(eventPublisher));
		container.setCommonErrorHandler(this.recovery.errorHandler(new FailurePolicy()));
		return container;
	}

	private SimpleAsyncTaskExecutor listenerTaskExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("kafka-events-" + this.mapping.id() + "-");
		executor.setTaskDecorator((task) -> () -> {
			putLogContext();
			task.run();
		});
		return executor;
	}

	private void putLogContext() {
		MDC.put("instance", this.mapping.instance());
		MDC.put("groupId", this.mapping.groupId());
		MDC.put("kafkaTopics", String.join(",", this.mapping.kafkaTopics()));
		MDC.put("eventsTopic", this.mapping.eventsTopic());
	}

	/**
	 * Set whether the consumer threads of the container are virtual threads, as the
	 * listener containers of Spring Boot are with {@code spring.threads.virtual.enabled};
	 * applies from the next start.
	 * @param virtualThreads whether to use virtual threads, which need Java 21 or later
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.listenerTaskExecutor.setVirtualThreads(virtualThreads);
	}

	/**
	 * Set the registry of the observation around the handling of each record, which
	 * continues a trace carried in the record's headers; not observed by default.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
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
	 */
	public ConcurrentMessageListenerContainer<byte[], byte[]> getContainer() {
		return this.container;
	}

	/**
	 * Start consuming.
	 */
	public void start() {
		logger.info(logPrefix() + "starting consumer of " + this.mapping.kafkaTopics() + " in group "
				+ this.mapping.groupId() + " on brokers " + this.mapping.brokers() + " for events topic "
				+ this.mapping.eventsTopic());
		this.startedAt = System.nanoTime();
		this.unassignedWarningLogged.set(false);
		this.pausedByOperator = false;
		this.container.start();
	}

	/**
	 * Stop consuming, finishing the records in hand and committing what was processed.
	 */
	public void stop() {
		this.container.stop();
		this.lag.clear();
	}

	/**
	 * Stop and start again, as after a redeploy: partitions paused on error are delivered
	 * again from their failed record.
	 */
	public void restart() {
		stop();
		this.pausedOnError.keySet().forEach(this.container::resumePartition);
		this.pausedOnError.clear();
		start();
	}

	/**
	 * Pause every partition of the mapping on behalf of an operator.
	 */
	public void pause() {
		this.pausedByOperator = true;
		this.container.pause();
		logger.info(logPrefix() + "paused by an operator");
	}

	/**
	 * Resume a mapping paused by an operator; partitions paused on error stay paused.
	 */
	public void resume() {
		this.pausedByOperator = false;
		this.container.resume();
		logger.info(logPrefix() + "resumed by an operator");
	}

	/**
	 * Return what the mapping is doing.
	 * @return the state
	 */
	public ConsumingState getState() {
		if (!this.container.isRunning()) {
			return ConsumingState.STOPPED;
		}
		if (!this.pausedOnError.isEmpty()) {
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
		Collection<TopicPartition> assigned = this.container.getAssignedPartitions();
		return (assigned != null) ? Set.copyOf(assigned) : Set.of();
	}

	/**
	 * Return the partitions currently paused, by an operator or on error.
	 * @return the paused partitions
	 */
	public Set<TopicPartition> getPausedPartitions() {
		Set<TopicPartition> paused = new HashSet<>(this.pausedOnError.keySet());
		if (this.pausedByOperator) {
			paused.addAll(getAssignedPartitions());
		}
		return paused;
	}

	/**
	 * Return the lag of each assigned partition: records between the consumer's position
	 * and the end of the partition, as of the last fetch.
	 * @return the lag by partition
	 */
	public Map<TopicPartition, Long> getLag() {
		Set<TopicPartition> assigned = getAssignedPartitions();
		Map<TopicPartition, Long> lag = new HashMap<>(this.lag);
		lag.keySet().retainAll(assigned);
		return lag;
	}

	/**
	 * Add a callback notified, on the consumer thread, of partitions assigned to the
	 * mapping's consumers.
	 * @param listener the callback
	 */
	public void addAssignmentListener(java.util.function.Consumer<Collection<TopicPartition>> listener) {
		this.assignmentListeners.add(listener);
	}

	/**
	 * Return the number of records handled successfully or skipped after a failure.
	 * @return the processed record count
	 */
	public long getProcessedCount() {
		return this.processedCount.get();
	}

	/**
	 * Return the number of records whose processing failed.
	 * @return the failed record count
	 */
	public long getFailedCount() {
		return this.failedCount.get();
	}

	/**
	 * Return when the last record was received.
	 * @return the time of the last record, or {@code null}
	 */
	public @Nullable Instant getLastEventTime() {
		return this.lastEventTime;
	}

	/**
	 * Stop consuming asynchronously.
	 * @param callback called once stopped
	 */
	public void stop(Runnable callback) {
		this.container.stop(callback);
	}

	/**
	 * Release what the bridge holds besides its container, such as the dead-letter
	 * producer.
	 */
	public void close() {
		this.recovery.close();
	}

	/**
	 * Return whether the container is running.
	 * @return whether consuming
	 */
	public boolean isRunning() {
		return this.container.isRunning();
	}

	/**
	 * Return the partitions paused because a record failed, with that record.
	 * @return the failed records by partition
	 */
	public Map<TopicPartition, FailedRecord> getPausedOnError() {
		return Map.copyOf(this.pausedOnError);
	}

	/**
	 * Resume a partition paused on error at its failed record, which is delivered again.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	public boolean retry(TopicPartition partition) {
		if (this.pausedOnError.remove(partition) == null) {
			return false;
		}
		logger.info(logPrefix() + "retrying " + partition + " at its failed record");
		this.container.resumePartition(partition);
		return true;
	}

	/**
	 * Skip the failed record of a partition paused on error: commit past it and resume.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	public boolean skip(TopicPartition partition) {
		FailedRecord failed = this.pausedOnError.get(partition);
		if (failed == null) {
			return false;
		}
		this.operations.add(new Operation(partition, (consumer) -> {
			long next = failed.offset() + 1;
			consumer.seek(partition, next);
			consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
			listener().committed(partition);
			this.pausedOnError.remove(partition);
			this.container.resumePartition(partition);
			logger.info(logPrefix() + "skipped record at offset " + failed.offset() + " of " + partition);
		}));
		return true;
	}

	private String failureMessage(ConsumerRecord<?, ?> record) {
		return logPrefix() + "Failed to process message at offset " + record.offset() + " on partition "
				+ record.partition() + " of topic " + record.topic();
	}

	private String logPrefix() {
		return "Kafka events mapping '" + this.mapping.id() + "' (instance '" + this.mapping.instance() + "'): ";
	}

	private void warnIfStillUnassigned(Consumer<?, ?> consumer) {
		if (!consumer.assignment().isEmpty() || this.unassignedWarningLogged.get()
				|| System.nanoTime() - this.startedAt < UNASSIGNED_WARNING_DELAY.toNanos()
				|| !this.unassignedWarningLogged.compareAndSet(false, true)) {
			return;
		}
		logger.warn(logPrefix() + "no partitions assigned " + UNASSIGNED_WARNING_DELAY.toSeconds()
				+ "s after start: brokers " + this.mapping.brokers() + " may be unreachable, or topics "
				+ this.mapping.kafkaTopics() + " may not exist; the consumer keeps retrying with back-off");
	}

	private void updateLag(Consumer<?, ?> consumer) {
		for (TopicPartition partition : consumer.assignment()) {
			OptionalLong current = consumer.currentLag(partition);
			if (current.isPresent()) {
				this.lag.put(partition, current.getAsLong());
			}
		}
	}

	private void runOperations(Consumer<?, ?> consumer) {
		if (this.operations.isEmpty()) {
			return;
		}
		Set<TopicPartition> assignment = consumer.assignment();
		Iterator<Operation> iterator = this.operations.iterator();
		while (iterator.hasNext()) {
			Operation operation = iterator.next();
			if (assignment.contains(operation.partition())) {
				iterator.remove();
				operation.action().accept(consumer);
			}
		}
	}

	/**
	 * An operation that must run on the consumer thread that owns a partition.
	 */
	private record Operation(TopicPartition partition, java.util.function.Consumer<Consumer<?, ?>> action) {

	}

	/**
	 * The batch listener: publishes the records of a poll, then applies their outcomes in
	 * order, handing the first failed record to the container's error handler.
	 */
	private final class Listener implements BatchAcknowledgingConsumerAwareMessageListener<byte[], byte[]> {

		private final ThreadLocal<CommitState> commitState = ThreadLocal.withInitial(CommitState::new);

		private final ThreadLocal<Map<TopicPartition, Map<Long, CompletableFuture<Void>>>> earlierOutcomes = ThreadLocal
			.withInitial(HashMap::new);

		@Override
		public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Acknowledgment acknowledgment,
				@Nullable Consumer<?, ?> consumer) {
			Assert.state(consumer != null, "A consumer is required");
			runOperations(consumer);
			KafkaConsumingBridge.this.lastEventTime = Instant.now();
			List<Dispatched> dispatched = dispatch(records);
			for (int i = 0; i < dispatched.size(); i++) {
				Dispatched each = dispatched.get(i);
				Throwable failure = failureOf(each.outcome());
				if (failure != null) {
					updateLag(consumer);
					keepOutcomes(dispatched.subList(i + 1, dispatched.size()));
					throw KafkaConsumingBridge.this.recovery.failedRecord(failureMessage(each.record()), failure,
							each.record());
				}
				processed(each.record());
			}
			commitIfDue(consumer, false);
			updateLag(consumer);
		}

		/**
		 * Publish the records of a poll without waiting for one another. A record
		 * delivered again after an earlier record's failure keeps the outcome of its
		 * first publication; the records that follow a synchronous failure in its
		 * partition wait for the error handler to deliver them again.
		 */
		private List<Dispatched> dispatch(List<ConsumerRecord<byte[], byte[]>> records) {
			List<Dispatched> dispatched = new ArrayList<>(records.size());
			Map<TopicPartition, Map<Long, CompletableFuture<Void>>> earlier = this.earlierOutcomes.get();
			Set<TopicPartition> failedSynchronously = new HashSet<>();
			for (ConsumerRecord<byte[], byte[]> record : records) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (failedSynchronously.contains(partition)) {
					continue;
				}
				Map<Long, CompletableFuture<Void>> partitionOutcomes = earlier.get(partition);
				CompletableFuture<Void> outcome = (partitionOutcomes != null)
						? partitionOutcomes.remove(record.offset()) : null;
				if (outcome == null) {
					outcome = publish(record);
				}
				if (outcome.isCompletedExceptionally()) {
					failedSynchronously.add(partition);
				}
				dispatched.add(new Dispatched(record, partition, outcome));
			}
			earlier.values().removeIf(Map::isEmpty);
			return dispatched;
		}

		private void keepOutcomes(List<Dispatched> dispatched) {
			Map<TopicPartition, Map<Long, CompletableFuture<Void>>> earlier = this.earlierOutcomes.get();
			for (Dispatched each : dispatched) {
				earlier.computeIfAbsent(each.partition(), (partition) -> new HashMap<>())
					.put(each.record().offset(), each.outcome());
			}
		}

		CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> record) {
			CompletableFuture<Void> outcome = observedPublishEvent(record);
			if (KafkaConsumingBridge.this.observers.isEmpty()) {
				return outcome;
			}
			long start = System.nanoTime();
			return outcome.whenComplete((result, failure) -> notifyObservers(record, failure, start));
		}

		private void notifyObservers(ConsumerRecord<byte[], byte[]> record, @Nullable Throwable failure, long start) {
			long nanos = System.nanoTime() - start;
			Throwable cause = (failure != null) ? unwrapCompletion(failure) : null;
			for (ConsumingObserver observer : KafkaConsumingBridge.this.observers) {
				observer.recordHandled(KafkaConsumingBridge.this.mapping, record, cause, nanos);
			}
		}

		private CompletableFuture<Void> observedPublishEvent(ConsumerRecord<byte[], byte[]> record) {
			ObservationRegistry registry = KafkaConsumingBridge.this.observationRegistry;
			if (registry.isNoop()) {
				return publishEvent(record);
			}
			ConsumingMapping mapping = KafkaConsumingBridge.this.mapping;
			Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION
				.observation(null, KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
						() -> new KafkaRecordReceiverContext(record, mapping.id(), mapping.clientId(),
								mapping.groupId(), () -> ""),
						registry)
				.start();
			CompletableFuture<Void> outcome;
			try (Observation.Scope scope = observation.openScope()) {
				outcome = publishEvent(record);
			}
			return outcome.whenComplete((result, failure) -> {
				if (failure != null) {
					observation.error(FailedRecord.handlerFailure(unwrapCompletion(failure)));
				}
				observation.stop();
			});
		}

		private CompletableFuture<Void> publishEvent(ConsumerRecord<byte[], byte[]> record) {
			try {
				return KafkaConsumingBridge.this.eventsService.publish(KafkaConsumingBridge.this.recordEvents
					.toEvent(KafkaConsumingBridge.this.mapping.eventsTopic(), record));
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}

		void processed(ConsumerRecord<?, ?> record) {
			KafkaConsumingBridge.this.processedCount.incrementAndGet();
			this.commitState.get().pendingOffsets.put(new TopicPartition(record.topic(), record.partition()),
					new OffsetAndMetadata(record.offset() + 1));
		}

		private @Nullable Throwable failureOf(CompletableFuture<Void> outcome) {
			try {
				outcome.join();
				return null;
			}
			catch (CompletionException ex) {
				return (ex.getCause() != null) ? ex.getCause() : ex;
			}
			catch (RuntimeException ex) {
				return ex;
			}
		}

		void commitIfDue(Consumer<?, ?> consumer, boolean force) {
			CommitState state = this.commitState.get();
			if (state.pendingOffsets.isEmpty()) {
				return;
			}
			long now = System.nanoTime();
			if (!force && now - state.lastCommit < KafkaConsumingBridge.this.commitInterval.toNanos()) {
				return;
			}
			commit(consumer, (partition) -> true);
			state.lastCommit = now;
		}

		void commit(Consumer<?, ?> consumer, Predicate<TopicPartition> partitions) {
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			this.commitState.get().pendingOffsets.entrySet().removeIf((entry) -> {
				if (partitions.test(entry.getKey())) {
					offsets.put(entry.getKey(), entry.getValue());
					return true;
				}
				return false;
			});
			if (!offsets.isEmpty()) {
				commitOrKeep(consumer, offsets);
			}
		}

		private void commitOrKeep(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
			try {
				consumer.commitSync(offsets);
			}
			catch (RetriableException ex) {
				Set<TopicPartition> assignment = consumer.assignment();
				offsets.forEach((partition, offset) -> {
					if (assignment.contains(partition)) {
						this.commitState.get().pendingOffsets.putIfAbsent(partition, offset);
					}
				});
				logger.warn(logPrefix() + "could not commit offsets " + offsets
						+ "; the next commit will include them: " + ex.getMessage());
			}
		}

		/**
		 * Forget the processed offset of a partition committed past it by other means.
		 */
		void committed(TopicPartition partition) {
			this.commitState.get().pendingOffsets.remove(partition);
		}

		void forget(Collection<TopicPartition> partitions) {
			partitions.forEach(this.commitState.get().pendingOffsets::remove);
			partitions.forEach(this.earlierOutcomes.get()::remove);
		}

	}

	/**
	 * What happens to a record once the error handler's retries are exhausted: it goes to
	 * the dead-letter topic, or is skipped, or pauses its partition, which the error
	 * handler then seeks back to the record.
	 */
	private final class FailurePolicy implements ConsumerAwareRecordRecoverer {

		@Override
		public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer,
				@Nullable Exception exception) {
			Throwable failure = RecordRecovery.listenerFailure(exception);
			KafkaConsumingBridge.this.failedCount.incrementAndGet();
			if (deadLettered(record, failure, consumer)) {
				listener().processed(record);
				return;
			}
			boolean pause = KafkaConsumingBridge.this.mapping.pauseOnError();
			logger.error(failureMessage(record) + (pause ? "; pausing the partition" : "; skipping it"), failure);
			if (!pause) {
				listener().processed(record);
				return;
			}
			TopicPartition partition = new TopicPartition(record.topic(), record.partition());
			KafkaConsumingBridge.this.pausedOnError.put(partition,
					FailedRecord.of(record.topic(), record.partition(), record.offset(), failure));
			KafkaConsumingBridge.this.container.pausePartition(partition);
			throw new KafkaBackoffException(failureMessage(record) + "; paused until retried or skipped", partition,
					KafkaConsumingBridge.this.mapping.id(), Long.MAX_VALUE);
		}

		private boolean deadLettered(ConsumerRecord<?, ?> record, Throwable failure,
				@Nullable Consumer<?, ?> consumer) {
			RecordRecovery recovery = KafkaConsumingBridge.this.recovery;
			if (!recovery.hasDeadLetterTopic()) {
				return false;
			}
			String deadLetterTopic = KafkaConsumingBridge.this.mapping.deadLetterTopic();
			try {
				recovery.deadLetter(record, failure, consumer);
				logger.error(failureMessage(record) + "; sent it to dead-letter topic " + deadLetterTopic, failure);
				return true;
			}
			catch (RuntimeException ex) {
				logger.error(failureMessage(record) + " and could not send it to dead-letter topic " + deadLetterTopic,
						ex);
				return false;
			}
		}

	}

	/**
	 * Offsets processed but not committed yet by one consumer thread, and when it last
	 * committed.
	 */
	private static final class CommitState {

		private final Map<TopicPartition, OffsetAndMetadata> pendingOffsets = new HashMap<>();

		private long lastCommit = System.nanoTime();

	}

	/**
	 * A record handed to the events service, with the outcome of its publication.
	 */
	private record Dispatched(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
			CompletableFuture<Void> outcome) {

	}

	/**
	 * Commits processed offsets of revoked partitions and forgets their error state.
	 */
	private final class RebalanceListener implements ConsumerAwareRebalanceListener {

		@Override
		public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			listener().commit(consumer, partitions::contains);
			listener().forget(partitions);
			forgetErrors(partitions);
		}

		@Override
		public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			KafkaConsumingBridge.this.assignmentListeners.forEach((listener) -> listener.accept(partitions));
		}

		@Override
		public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			listener().forget(partitions);
			forgetErrors(partitions);
		}

		private void forgetErrors(Collection<TopicPartition> partitions) {
			for (TopicPartition partition : partitions) {
				if (KafkaConsumingBridge.this.pausedOnError.remove(partition) != null) {
					KafkaConsumingBridge.this.container.resumePartition(partition);
				}
			}
		}

	}

	private static Throwable unwrapCompletion(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private Listener listener() {
		return (Listener) this.container.getContainerProperties().getMessageListener();
	}

	/**
	 * Forwards container events, running pending operations on idle consumer threads.
	 */
	private final class IdleAwareEventPublisher implements ApplicationEventPublisher {

		private final ApplicationEventPublisher delegate;

		IdleAwareEventPublisher(ApplicationEventPublisher delegate) {
			this.delegate = delegate;
		}

		@Override
		public void publishEvent(Object event) {
			if (event instanceof ListenerContainerIdleEvent idle) {
				warnIfStillUnassigned(idle.getConsumer());
				updateLag(idle.getConsumer());
				runOperations(idle.getConsumer());
				listener().commitIfDue(idle.getConsumer(), false);
			}
			else if (event instanceof ConsumerRetryAuthEvent) {
				KafkaConsumingBridge.this.securityFailures.retrying();
			}
			else if (event instanceof ConsumerRetryAuthSuccessfulEvent) {
				KafkaConsumingBridge.this.securityFailures.recovered();
			}
			this.delegate.publishEvent(event);
		}

	}

}
