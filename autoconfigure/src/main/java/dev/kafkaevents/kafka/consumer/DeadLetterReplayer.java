package dev.kafkaevents.kafka.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Replays records of a mapping's dead-letter topics, one by its coordinates or all of an
 * offset range of one partition: to the Kafka topic each failed on, or straight into the
 * events topic. Each replayed record carries, besides its original key, value and
 * headers, a {@link DeadLetterHeaders#REPLAYED} header naming where it was replayed from,
 * so that one that fails again is recognisable in the dead-letter topic; a range skips
 * the records replayed before, so that a record is never replayed in a loop.
 *
 * @author kafka-events
 */
final class DeadLetterReplayer {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final long SEND_TIMEOUT_SECONDS = 60;

	private final ConsumingMapping mapping;

	private final DeadLetterReader reader;

	private final RecordDispatcher dispatcher;

	private final FailedRecordForwarder forwarder;

	private final List<ConsumingObserver> observers;

	DeadLetterReplayer(ConsumingMapping mapping, DeadLetterReader reader, RecordDispatcher dispatcher,
			FailedRecordForwarder forwarder, List<ConsumingObserver> observers) {
		this.mapping = mapping;
		this.reader = reader;
		this.dispatcher = dispatcher;
		this.forwarder = forwarder;
		this.observers = List.copyOf(observers);
	}

	/**
	 * Replay the records of a dead-letter topic partition between two offsets.
	 * @param topic a dead-letter topic of the mapping
	 * @param partition the partition
	 * @param fromOffset the first offset
	 * @param toOffset the last offset, {@code null} for up to the end; equal to
	 * {@code fromOffset} to replay one record, even one replayed before
	 * @param target where to replay to
	 * @return what was done
	 */
	ReplayResult replay(String topic, int partition, long fromOffset, @Nullable Long toOffset, ReplayTarget target) {
		Assert.isTrue(DeadLetterPublisher.topics(this.mapping).contains(topic),
				() -> "'" + topic + "' is not a dead-letter topic of mapping " + this.mapping.id());
		boolean single = toOffset != null && toOffset == fromOffset;
		int replayed = 0;
		int failedAgain = 0;
		int skipped = 0;
		for (ConsumerRecord<byte[], byte[]> dead : this.reader.range(new TopicPartition(topic, partition), fromOffset,
				toOffset)) {
			ConsumerRecord<byte[], byte[]> original = original(dead);
			if (original == null || (!single && DeadLetterHeaders.isReplayed(dead))) {
				skipped++;
				notifyObservers(topic, ReplayResult.SKIPPED);
				continue;
			}
			Boolean handled = (target == ReplayTarget.KAFKA) ? send(original) : handle(original);
			if (handled == null) {
				skipped++;
				continue;
			}
			replayed++;
			failedAgain += handled ? 0 : 1;
			notifyObservers(topic, ReplayResult.REPLAYED);
		}
		logger.info(LogPrefix.of(this.mapping) + "replayed " + replayed + " record(s) of " + topic + "-" + partition
				+ " from offset " + fromOffset + " to " + target + ", " + failedAgain + " failed again, " + skipped
				+ " skipped");
		return new ReplayResult(target, replayed, failedAgain, skipped);
	}

	/**
	 * Return the record as it was before it failed, marked as replayed, or {@code null}
	 * if it did not come from one of the mapping's Kafka topics.
	 */
	private @Nullable ConsumerRecord<byte[], byte[]> original(ConsumerRecord<byte[], byte[]> dead) {
		DeadLetterRecord view = DeadLetterRecord.of(dead);
		if (view.originalTopic() == null || !this.mapping.kafkaTopics().contains(view.originalTopic())) {
			logger.warn(LogPrefix.of(this.mapping) + "not replaying " + dead.topic() + "-" + dead.partition() + "@"
					+ dead.offset() + ": it did not fail on a Kafka topic of the mapping");
			return null;
		}
		Headers headers = new RecordHeaders();
		for (Header header : dead.headers()) {
			if (!DeadLetterRecord.isFailureHeader(header.key()) || header.key().equals(DeadLetterHeaders.REPLAYED)) {
				headers.add(header);
			}
		}
		headers.add(DeadLetterHeaders.REPLAYED,
				(dead.topic() + "-" + dead.partition() + "@" + dead.offset()).getBytes(StandardCharsets.UTF_8));
		return new ConsumerRecord<>(view.originalTopic(),
				(view.originalPartition() != null) ? view.originalPartition() : -1,
				(view.originalOffset() != null) ? view.originalOffset() : -1, dead.timestamp(),
				TimestampType.CREATE_TIME, -1, -1, dead.key(), dead.value(), headers, Optional.empty());
	}

	/**
	 * Send a record back to its Kafka topic and partition.
	 * @return {@code true} once sent, {@code null} if it could not be sent
	 */
	private @Nullable Boolean send(ConsumerRecord<byte[], byte[]> record) {
		ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(record.topic(),
				(record.partition() >= 0) ? record.partition() : null, record.key(), record.value(), record.headers());
		try {
			this.forwarder.template().send(replay).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.error(LogPrefix.of(this.mapping) + "could not replay a record to " + record.topic(), ex);
			return null;
		}
	}

	/**
	 * Publish a record to the events topic and wait for its handlers; send it back to the
	 * dead-letter topic if they fail.
	 * @return whether it was handled
	 */
	private Boolean handle(ConsumerRecord<byte[], byte[]> record) {
		try {
			this.dispatcher.dispatch(record).join();
			return true;
		}
		catch (CompletionException ex) {
			Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
			this.forwarder.forwardToDeadLetter(record, failure, null);
			return false;
		}
	}

	private void notifyObservers(String topic, String outcome) {
		this.observers.forEach((observer) -> observer.recordReplayed(this.mapping, topic, outcome));
	}

}
