package dev.kafkaevents.kafka.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.util.Assert;

/**
 * The SQL on the inbox table, portable across PostgreSQL, MariaDB/MySQL and H2: a row per
 * handled record, keyed by consumer group and message id. Statements run in the caller's
 * transaction when there is one.
 *
 * @author kafka-events
 */
public class InboxRepository {

	private static final int IN_LIST_SIZE = 500;

	private final JdbcOperations jdbc;

	private final String table;

	/**
	 * Create a new repository.
	 * @param jdbc the JDBC operations on the application's {@code DataSource}
	 * @param tables the table names
	 */
	public InboxRepository(JdbcOperations jdbc, InboxTables tables) {
		Assert.notNull(jdbc, "'jdbc' must not be null");
		Assert.notNull(tables, "'tables' must not be null");
		this.jdbc = jdbc;
		this.table = tables.inbox();
	}

	/**
	 * Return which of the given message ids of a group are in the inbox.
	 * @param groupId the consumer group
	 * @param messageIds the message ids
	 * @return the ids already there
	 */
	public Set<String> existing(String groupId, Collection<String> messageIds) {
		Set<String> existing = new HashSet<>();
		List<String> ids = List.copyOf(new HashSet<>(messageIds));
		for (int from = 0; from < ids.size(); from += IN_LIST_SIZE) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_SIZE));
			List<Object> arguments = new ArrayList<>(chunk.size() + 1);
			arguments.add(groupId);
			arguments.addAll(chunk);
			existing.addAll(this.jdbc.queryForList("SELECT message_id FROM " + this.table
					+ " WHERE group_id = ? AND message_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)", String.class,
					arguments.toArray()));
		}
		return existing;
	}

	/**
	 * Insert a row per message id; a message id already there fails the statement with a
	 * {@link org.springframework.dao.DuplicateKeyException}.
	 * @param groupId the consumer group
	 * @param mappingId the id of the consuming mapping
	 * @param messageIds the message ids
	 * @param now the time of receipt
	 */
	public void insert(String groupId, String mappingId, Collection<String> messageIds, Instant now) {
		if (messageIds.isEmpty()) {
			return;
		}
		Timestamp received = Timestamp.from(now);
		List<Object[]> rows = new ArrayList<>(messageIds.size());
		messageIds.forEach((messageId) -> rows.add(new Object[] { groupId, messageId, mappingId, received }));
		String sql = "INSERT INTO " + this.table
				+ " (group_id, message_id, mapping_id, received_at) VALUES (?, ?, ?, ?)";
		if (rows.size() == 1) {
			this.jdbc.update(sql, rows.get(0));
		}
		else {
			this.jdbc.batchUpdate(sql, rows);
		}
	}

	/**
	 * Delete the rows received before the given time.
	 * @param before the oldest time kept
	 * @return the number of rows deleted
	 */
	public int deleteReceivedBefore(Instant before) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE received_at < ?", Timestamp.from(before));
	}

	/**
	 * Return the number of rows of a consuming mapping.
	 * @param mappingId the id of the mapping
	 * @return the count
	 */
	public long size(String mappingId) {
		Long size = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE mapping_id = ?", Long.class,
				mappingId);
		return (size != null) ? size : 0;
	}

	/**
	 * Return the number of rows of each consuming mapping.
	 * @return the counts by mapping id
	 */
	public Map<String, Long> sizes() {
		Map<String, Long> sizes = new HashMap<>();
		this.jdbc.query("SELECT mapping_id, COUNT(*) FROM " + this.table + " GROUP BY mapping_id",
				(RowCallbackHandler) (row) -> sizes.put(row.getString(1), row.getLong(2)));
		return sizes;
	}

}
