package dev.kafkaevents.kafka.inbox;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The inbox of one idempotent consuming mapping: its rows, in the transactions of the
 * mapping's transaction manager, so that handlers using {@code JdbcTemplate},
 * {@code JdbcClient}, JPA or an outbox-backed publishing mapping join them.
 *
 * @author kafka-events
 */
public class RecordInbox {

	private final InboxRepository repository;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * Create a new inbox.
	 * @param repository the rows
	 * @param transactionManager the transaction manager of the application's
	 * {@code DataSource}
	 * @param clock the clock of the times of receipt
	 */
	public RecordInbox(InboxRepository repository, PlatformTransactionManager transactionManager, Clock clock) {
		Assert.notNull(repository, "'repository' must not be null");
		Assert.notNull(transactionManager, "'transactionManager' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Run work in a new transaction, committed when it returns and rolled back when it
	 * throws.
	 * @param <T> the type of the result
	 * @param work the work
	 * @return the work's result
	 */
	public <T> T inTransaction(Supplier<T> work) {
		T result = this.transactions.execute((status) -> work.get());
		Assert.state(result != null, "The work of an inbox transaction returned null");
		return result;
	}

	/**
	 * Return which message ids of a group are in the inbox.
	 * @param groupId the consumer group
	 * @param messageIds the message ids
	 * @return the ids already there
	 */
	public Set<String> existing(String groupId, Collection<String> messageIds) {
		return this.repository.existing(groupId, messageIds);
	}

	/**
	 * Add message ids to the inbox, received now.
	 * @param groupId the consumer group
	 * @param mappingId the id of the consuming mapping
	 * @param messageIds the message ids
	 */
	public void add(String groupId, String mappingId, Collection<String> messageIds) {
		this.repository.insert(groupId, mappingId, messageIds, this.clock.instant());
	}

}
