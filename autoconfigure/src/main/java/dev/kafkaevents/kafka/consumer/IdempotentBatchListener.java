package dev.kafkaevents.kafka.consumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.inbox.RecordInbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.util.Assert;

/**
 * The batch listener of an idempotent consuming mapping ({@code idempotent: true}): the
 * records of a poll are handled in one database transaction with their inbox rows, and a
 * record whose message id is in the inbox is acknowledged without running the handlers.
 * <p>
 * The inbox rows of a poll are inserted first, in one batch and without looking up: in
 * the common case, where none of the records was handled before, a poll costs one batch
 * insert and one commit besides the handlers' own work. A record handled before makes
 * that insert fail, and the poll is handled again one record at a time, each looked up by
 * its id first.
 * <p>
 * Each record's handlers are awaited inside the transaction, on the consumer thread, so a
 * synchronous handler's database work (and an outbox-backed publish) joins it; an
 * asynchronous handler's stage is awaited before commit too, but work it does on other
 * threads is outside the transaction.
 * <p>
 * When a record fails, or another consumer added one of the poll's message ids meanwhile,
 * the poll's transaction rolls back and its records are handled again one transaction
 * each, so that the records before the failed one commit and the failed one leaves no
 * inbox row and no effects; it then goes to the failure policy as in
 * {@link PipelinedBatchListener}.
 *
 * @author kafka-events
 */
final class IdempotentBatchListener implements BatchConsumerAwareMessageListener<byte[], byte[]> {

	private final ConsumingMapping mapping;

	private final RecordInbox inbox;

	private final MessageIds messageIds;

	private final RecordDispatcher dispatcher;

	private final FailedRecordPolicy failurePolicy;

	private final ConsumerActivity activity;

	private final ConsumerThreadTasks tasks;

	private final OffsetCommits offsetCommits;

	private final List<ConsumingObserver> observers;

	IdempotentBatchListener(ConsumingMapping mapping, RecordInbox inbox, MessageIds messageIds,
			RecordDispatcher dispatcher, FailedRecordPolicy failurePolicy, ConsumerActivity activity,
			ConsumerThreadTasks tasks, OffsetCommits offsetCommits, List<ConsumingObserver> observers) {
		this.mapping = mapping;
		this.inbox = inbox;
		this.messageIds = messageIds;
		this.dispatcher = dispatcher;
		this.failurePolicy = failurePolicy;
		this.activity = activity;
		this.tasks = tasks;
		this.offsetCommits = offsetCommits;
		this.observers = List.copyOf(observers);
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Consumer<?, ?> consumer) {
		Assert.state(consumer != null, "A consumer is required");
		this.tasks.runFor(consumer);
		this.activity.polled();
		List<Handled> handled;
		try {
			handled = this.inbox.inTransaction(() -> handle(records, false));
		}
		catch (RuntimeException ex) {
			handled = handleEach(records, consumer);
		}
		handled.forEach(this::count);
		records.forEach(this.offsetCommits::processed);
		this.offsetCommits.commitIfDue(consumer);
		this.activity.updateLag(consumer);
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		throw new UnsupportedOperationException("A consumer is required");
	}

	/**
	 * Handle records one transaction each, up to the first that fails (its handlers, or
	 * the inbox itself, such as a database that does not answer), which is reported to
	 * the failure policy after the records before it are noted as processed.
	 */
	private List<Handled> handleEach(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
		List<Handled> handled = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				handled.add(this.inbox.inTransaction(() -> handle(List.of(record), true).get(0)));
			}
			catch (DuplicateKeyException ex) {
				handled.add(new Handled(record, Outcome.DUPLICATE));
			}
			catch (RuntimeException ex) {
				handled.forEach(this::count);
				handled.forEach((each) -> this.offsetCommits.processed(each.record()));
				this.activity.updateLag(consumer);
				Throwable failure = (ex instanceof RecordFailedException && ex.getCause() != null) ? ex.getCause() : ex;
				throw this.failurePolicy.failedRecord(failure, record);
			}
		}
		return handled;
	}

	/**
	 * Handle records in the current transaction: add their message ids to the inbox
	 * first, which fails with a {@link DuplicateKeyException} if one is there already (or
	 * is being added by another consumer, which then waits for it), skip the records
	 * whose id comes again in the same records, and run the handlers of the others. When
	 * looking up, the ids already in the inbox are skipped instead of failing.
	 */
	private List<Handled> handle(List<ConsumerRecord<byte[], byte[]>> records, boolean lookUp) {
		List<String> ids = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			ids.add(messageId(record));
		}
		Set<String> seen = lookUp ? new HashSet<>(this.inbox.existing(this.mapping.groupId(), ids)) : new HashSet<>();
		Set<String> added = new LinkedHashSet<>();
		for (String id : ids) {
			if (seen.add(id)) {
				added.add(id);
			}
		}
		this.inbox.add(this.mapping.groupId(), this.mapping.id(), added);
		List<Handled> handled = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = records.get(i);
			handled.add(new Handled(record, added.remove(ids.get(i)) ? dispatch(record) : Outcome.DUPLICATE));
		}
		return handled;
	}

	private Outcome dispatch(ConsumerRecord<byte[], byte[]> record) {
		CompletableFuture<Void> outcome = this.dispatcher.dispatch(record);
		Throwable failure = failureOf(outcome);
		if (failure != null) {
			throw new RecordFailedException(failure);
		}
		return (outcome == RecordDispatcher.FILTERED) ? Outcome.FILTERED : Outcome.PROCESSED;
	}

	private String messageId(ConsumerRecord<byte[], byte[]> record) {
		try {
			return this.messageIds.of(record);
		}
		catch (RuntimeException ex) {
			throw new RecordFailedException(ex);
		}
	}

	private void count(Handled handled) {
		switch (handled.outcome()) {
			case PROCESSED -> this.activity.processed();
			case FILTERED -> this.activity.filtered();
			case DUPLICATE -> {
				this.activity.duplicate();
				this.observers.forEach((observer) -> observer.recordDuplicate(this.mapping, handled.record()));
			}
		}
	}

	private static @Nullable Throwable failureOf(CompletableFuture<Void> outcome) {
		try {
			outcome.join();
			return null;
		}
		catch (CompletionException ex) {
			return RecordDispatcher.unwrap(ex);
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * What became of a record.
	 */
	private enum Outcome {

		PROCESSED, FILTERED, DUPLICATE

	}

	/**
	 * A record and what became of it.
	 */
	private record Handled(ConsumerRecord<byte[], byte[]> record, Outcome outcome) {

	}

	/**
	 * Rolls the transaction back when a record could not be handled.
	 */
	private static final class RecordFailedException extends RuntimeException {

		RecordFailedException(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
