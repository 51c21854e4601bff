package dev.kafkaevents.kafka.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * One dispatch round over the lanes this instance holds: reads up to a batch of pending
 * rows in outbox order, sends those that are due, and records the outcome.
 * <p>
 * A row waiting for its next attempt holds back the later rows of its record key, so a
 * key's records reach Kafka in the order they were written; rows without key keep no
 * order. A row acknowledged by the broker is deleted (or marked {@code SENT}); a row
 * whose send failed, or was not acknowledged within the send timeout, waits for another
 * attempt or becomes {@code FAILED}. A round stops handing rows to the producer once the
 * send timeout has passed (a producer waiting for metadata blocks up to
 * {@code max.block.ms}); the rows left wait for the next round.
 *
 * @author kafka-events
 */
final class OutboxRound {

	private static final Log logger = LogFactory.getLog(OutboxRound.class);

	private final OutboxRepository repository;

	private final Function<String, @Nullable KafkaTemplate<byte[], byte[]>> templates;

	private final OutboxSettings settings;

	private final OutboxRetry retry;

	private final OutboxObserver observer;

	private final Clock clock;

	OutboxRound(OutboxRepository repository, Function<String, @Nullable KafkaTemplate<byte[], byte[]>> templates,
			OutboxSettings settings, OutboxRetry retry, OutboxObserver observer, Clock clock) {
		this.repository = repository;
		this.templates = templates;
		this.settings = settings;
		this.retry = retry;
		this.observer = observer;
		this.clock = clock;
	}

	/**
	 * Run one round.
	 * @param lanes the lanes to send from
	 * @return whether the round found a full batch of rows it could send, so that another
	 * round should follow at once
	 */
	boolean run(Set<Integer> lanes) {
		long deadline = System.nanoTime() + this.settings.sendTimeout().toNanos();
		List<OutboxRow> rows = this.repository.pending(lanes, this.settings.batchSize());
		List<Send> sends = send(rows, this.clock.instant(), deadline);
		complete(sends, deadline);
		return rows.size() == this.settings.batchSize() && !sends.isEmpty();
	}

	private List<Send> send(List<OutboxRow> rows, Instant now, long deadline) {
		Set<OutboxRow.OrderingKey> held = new HashSet<>();
		List<Send> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			if (System.nanoTime() - deadline > 0) {
				break;
			}
			OutboxRow.OrderingKey key = row.orderingKey();
			if (key != null && held.contains(key)) {
				continue;
			}
			if (row.nextAttemptAt().isAfter(now)) {
				if (key != null) {
					held.add(key);
				}
				continue;
			}
			CompletableFuture<?> future = send(row);
			if (key != null && future.isCompletedExceptionally()) {
				held.add(key);
			}
			sends.add(new Send(row, future));
		}
		return sends;
	}

	private CompletableFuture<?> send(OutboxRow row) {
		KafkaTemplate<byte[], byte[]> template = this.templates.apply(row.mappingId());
		if (template == null) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"No outbox-backed publishing mapping '" + row.mappingId() + "' in this application"));
		}
		try {
			return template.send(row.toRecord());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void complete(List<Send> sends, long deadline) {
		List<Long> sent = new ArrayList<>(sends.size());
		for (Send send : sends) {
			Throwable failure = await(send.future(), deadline);
			Instant now = this.clock.instant();
			if (failure == null) {
				sent.add(send.row().id());
				this.observer.sent(send.row().mappingId(), Duration.between(send.row().createdAt(), now));
			}
			else {
				failed(send.row(), failure, now);
			}
		}
		boolean keep = !this.settings.sentRetention().isZero();
		this.repository.sent(sent, keep, this.clock.instant());
	}

	private static @Nullable Throwable await(CompletableFuture<?> future, long deadline) {
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (TimeoutException ex) {
			return new TimeoutException("No acknowledgement within the send timeout");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
	}

	private void failed(OutboxRow row, Throwable failure, Instant now) {
		int attempts = row.attempts() + 1;
		String error = rootCause(failure);
		boolean givesUp = this.retry.givesUp(attempts, row.createdAt(), now);
		if (givesUp) {
			this.repository.failed(row.id(), attempts, error, now);
			logger.error(LogMessage.format("Kafka events outbox row %d of mapping '%s' is FAILED after %d attempts: %s",
					row.id(), row.mappingId(), attempts, error));
		}
		else {
			Instant next = this.retry.nextAttempt(attempts, now);
			this.repository.retryLater(row.id(), attempts, next, error);
			logger.warn(
					LogMessage.format("Kafka events outbox row %d of mapping '%s' failed (attempt %d), next at %s: %s",
							row.id(), row.mappingId(), attempts, next, error));
		}
		this.observer.failed(row.mappingId(), givesUp);
	}

	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getName() + ": " + cause.getMessage();
	}

	private record Send(OutboxRow row, CompletableFuture<?> future) {

	}

}
