package dev.kafkaevents.kafka.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

import dev.kafkaevents.events.EventPayloadConversionException;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.HandlerRetry;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.format.InvalidRecordValueException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaBackoffException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.SeekUtils;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record of a consuming mapping whose handling failed ({@code retry},
 * {@code deadLetterTopic}, {@code pauseOnError}): spring-kafka's
 * {@link DefaultErrorHandler} retries it with the mapping's exponential back-off, unless
 * the handler's classification says it is not retryable (a poison record, or a type in
 * {@code retry.notRetryable}); then it goes to the dead-letter topic, or is skipped, or
 * pauses its partition at that record until an operator {@link #retry retries},
 * {@link #skip skips} or {@link #deadLetter dead-letters} it. With {@code retry.mode:
 * topics} the handler does not wait: {@link FailedRecordForwarder} sends the record to
 * its retry topics; with {@code pause-partition}, the wait pauses only the record's
 * partition ({@link PartitionPausingBackOffHandler}).
 *
 * @author kafka-events
 */
final class FailedRecordPolicy implements ConsumerAwareRecordRecoverer, AutoCloseable {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	private final ConsumingMapping mapping;

	private final ConsumerActivity activity;

	private final ConsumerThreadTasks tasks;

	private final OffsetCommits offsetCommits;

	private final ClassifyingErrorHandler errorHandler;

	private final FailedRecordForwarder forwarder;

	private final Map<TopicPartition, Paused> pausedOnError = new ConcurrentHashMap<>();

	private @Nullable MessageListenerContainer container;

	FailedRecordPolicy(ConsumingMapping mapping, ConsumerActivity activity, ConsumerThreadTasks tasks,
			OffsetCommits offsetCommits, List<ConsumingObserver> observers, @Nullable BackOffHandler backOffHandler) {
		this.mapping = mapping;
		this.activity = activity;
		this.tasks = tasks;
		this.offsetCommits = offsetCommits;
		this.errorHandler = new ClassifyingErrorHandler(this, mapping.retry(), backOffHandler);
		this.forwarder = new FailedRecordForwarder(mapping, observers, this.errorHandler.matcher());
	}

	/**
	 * Return what sends failed records to retry and dead-letter topics.
	 * @return the forwarder
	 */
	FailedRecordForwarder forwarder() {
		return this.forwarder;
	}

	/**
	 * Return the error handler of the mapping's listener container.
	 * @return the error handler
	 */
	DefaultErrorHandler errorHandler() {
		return this.errorHandler;
	}

	/**
	 * Return the delivery attempt of a record: with retry topics, the attempt its retry
	 * topic stands for; otherwise, on this consumer thread, {@code 1}, or one more than
	 * its failed attempts while it is retried.
	 * @param record the record
	 * @return the attempt
	 */
	int deliveryAttempt(ConsumerRecord<?, ?> record) {
		if (this.mapping.retry().mode() == RetryMode.TOPICS) {
			return RetryAttempts.of(record);
		}
		return this.errorHandler
			.deliveryAttempt(new TopicPartitionOffset(record.topic(), record.partition(), record.offset()));
	}

	/**
	 * Set the container whose partitions this policy pauses and resumes.
	 * @param container the mapping's listener container
	 */
	void attach(MessageListenerContainer container) {
		this.container = container;
	}

	/**
	 * Return the exception that reports a failed record to the error handler. A failure
	 * the handler classifies as not retryable is reported with a type of its own, so that
	 * the handler, which starts over when that type changes, also stops retrying a record
	 * whose later attempt fails that way.
	 * @param failure the record's failure
	 * @param record the record
	 * @return the exception for the listener to throw
	 */
	BatchListenerFailedException failedRecord(Throwable failure, ConsumerRecord<?, ?> record) {
		String message = LogPrefix.failure(this.mapping, record);
		return this.errorHandler.isRetryable(failure) ? new BatchListenerFailedException(message, failure, record)
				: new NotRetryableRecordException(message, failure, record);
	}

	/**
	 * Return whether a failed record may be attempted again: not a poison record, nor a
	 * failure of a type in {@code retry.notRetryable}.
	 * @param failure the record's failure
	 * @return whether it is retryable
	 */
	boolean isRetryable(Throwable failure) {
		return this.errorHandler.isRetryable(failure);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
		Throwable failure = listenerFailure(exception);
		boolean retry = this.forwarder.willRetry(record, failure);
		if (!retry) {
			this.activity.failed();
		}
		if (this.forwarder.forward(record, failure, consumer)) {
			recovered(record);
			return;
		}
		if (retry) {
			this.activity.failed();
		}
		boolean pause = this.mapping.pauseOnError();
		logger.error(LogPrefix.failure(this.mapping, record) + (pause ? "; pausing the partition" : "; skipping it"),
				failure);
		if (!pause) {
			recovered(record);
			return;
		}
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		this.pausedOnError.put(partition, new Paused(
				FailedRecord.of(record.topic(), record.partition(), record.offset(), failure), record, failure));
		container().pausePartition(partition);
		throw new KafkaBackoffException(LogPrefix.failure(this.mapping, record) + "; paused until retried or skipped",
				partition, this.mapping.id(), Long.MAX_VALUE);
	}

	private void recovered(ConsumerRecord<?, ?> record) {
		this.activity.processed();
		this.offsetCommits.processed(record);
	}

	/**
	 * Recover a record of a retry topic whose handling failed: send it to its next retry
	 * topic or its dead-letter topic; if that fails, it is delivered again from its retry
	 * topic.
	 * @param record the record
	 * @param consumer the consumer of the retry topic
	 * @param exception the failure
	 */
	void acceptRetried(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
		if (exception != null && SeekUtils.isBackoffException(exception)) {
			throw (KafkaException) exception;
		}
		Throwable failure = listenerFailure(exception);
		if (!this.forwarder.willRetry(record, failure)) {
			this.activity.failed();
		}
		if (!this.forwarder.forward(record, failure, consumer)) {
			throw new IllegalStateException(LogPrefix.failure(this.mapping, record) + "; delivering it again");
		}
	}

	Map<TopicPartition, FailedRecord> pausedOnError() {
		Map<TopicPartition, FailedRecord> failed = new HashMap<>();
		this.pausedOnError.forEach((partition, paused) -> failed.put(partition, paused.failed()));
		return Map.copyOf(failed);
	}

	boolean isPausedOnError() {
		return !this.pausedOnError.isEmpty();
	}

	/**
	 * Resume a partition paused on error at its failed record, which is delivered again.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	boolean retry(TopicPartition partition) {
		if (this.pausedOnError.remove(partition) == null) {
			return false;
		}
		logger.info(LogPrefix.of(this.mapping) + "retrying " + partition + " at its failed record");
		container().resumePartition(partition);
		return true;
	}

	/**
	 * Skip the failed record of a partition paused on error: when its consumer next polls
	 * or idles, commit past it and resume, unless the partition was resumed or given up
	 * meanwhile.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	boolean skip(TopicPartition partition) {
		return moveOn(partition, "skipped", (paused, consumer) -> true);
	}

	/**
	 * Send the failed record of a partition paused on error to its dead-letter topic:
	 * when its consumer next polls or idles, send it, then commit past it and resume; if
	 * it cannot be sent, the partition stays paused.
	 * @param partition the partition
	 * @return whether the partition was paused on error
	 */
	boolean deadLetter(TopicPartition partition) {
		return moveOn(partition, "dead-lettered",
				(paused, consumer) -> this.forwarder.forwardToDeadLetter(paused.record(), paused.failure(), consumer));
	}

	private boolean moveOn(TopicPartition partition, String done, BiPredicate<Paused, Consumer<?, ?>> beforeCommit) {
		Paused paused = this.pausedOnError.get(partition);
		if (paused == null) {
			return false;
		}
		this.tasks.submit(partition, (consumer) -> {
			if (this.pausedOnError.get(partition) != paused || !beforeCommit.test(paused, consumer)) {
				return;
			}
			long next = paused.failed().offset() + 1;
			consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
			consumer.seek(partition, next);
			this.offsetCommits.forget(Set.of(partition));
			this.pausedOnError.remove(partition);
			container().resumePartition(partition);
			logger.info(LogPrefix.of(this.mapping) + done + " record at offset " + paused.failed().offset() + " of "
					+ partition);
		});
		return true;
	}

	/**
	 * Forget the failed records of partitions this application no longer owns, or of
	 * every partition when the given partitions are {@code null}, resuming them.
	 * @param partitions the partitions, or {@code null} for all
	 */
	void forget(@Nullable Collection<TopicPartition> partitions) {
		this.pausedOnError.keySet().removeIf((partition) -> {
			boolean forget = partitions == null || partitions.contains(partition);
			if (forget) {
				container().resumePartition(partition);
			}
			return forget;
		});
	}

	private MessageListenerContainer container() {
		Assert.state(this.container != null, "No container attached");
		return this.container;
	}

	@Override
	public void close() {
		this.forwarder.close();
	}

	private static Throwable listenerFailure(@Nullable Throwable exception) {
		Assert.notNull(exception, "'exception' must not be null");
		Throwable failure = exception;
		while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException
				|| failure instanceof TimestampedException || failure instanceof CompletionException)
				&& failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

	/**
	 * The error handler, with the mapping's back-off, the mapping's and poison records'
	 * not-retryable types, and its classification open to the listener.
	 */
	private static final class ClassifyingErrorHandler extends DefaultErrorHandler {

		ClassifyingErrorHandler(ConsumerAwareRecordRecoverer recoverer, HandlerRetry retry,
				@Nullable BackOffHandler backOffHandler) {
			super(recoverer, (retry.retries() && retry.mode() != RetryMode.TOPICS) ? backOff(retry) : NO_RETRIES,
					backOffHandler);
			addNotRetryableExceptions(InvalidRecordValueException.class, EventPayloadConversionException.class);
			retry.notRetryable().forEach(this::addNotRetryableExceptions);
			setAckAfterHandle(false);
			setLogLevel(KafkaException.Level.DEBUG);
		}

		boolean isRetryable(Throwable failure) {
			return getExceptionMatcher().match(failure);
		}

		ExceptionMatcher matcher() {
			return getExceptionMatcher();
		}

		private static ExponentialBackOff backOff(HandlerRetry retry) {
			ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
			backOff.setMaxInterval(retry.maxInterval().toMillis());
			backOff.setMaxAttempts(retry.attempts() - 1);
			return backOff;
		}

	}

	/**
	 * A partition paused on error: its failed record, as shown and as received, and the
	 * failure.
	 */
	private record Paused(FailedRecord failed, ConsumerRecord<?, ?> record, Throwable failure) {

	}

	/**
	 * Reports a record whose failure may not be retried.
	 */
	static final class NotRetryableRecordException extends BatchListenerFailedException {

		NotRetryableRecordException(String message, Throwable cause, ConsumerRecord<?, ?> record) {
			super(message, cause, record);
		}

	}

}
