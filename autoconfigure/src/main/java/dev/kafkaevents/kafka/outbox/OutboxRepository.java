package dev.kafkaevents.kafka.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * The SQL on the rows of the outbox table, portable across PostgreSQL, MariaDB/MySQL and
 * H2. Statements run in the caller's transaction when there is one.
 *
 * @author kafka-events
 */
public class OutboxRepository {

	private static final int MAX_ERROR_LENGTH = 1000;

	private static final int IN_LIST_SIZE = 500;

	private final JdbcOperations jdbc;

	private final String table;

	/**
	 * Create a new repository.
	 * @param jdbc the JDBC operations on the application's {@code DataSource}
	 * @param tables the table names
	 */
	public OutboxRepository(JdbcOperations jdbc, OutboxTables tables) {
		Assert.notNull(jdbc, "'jdbc' must not be null");
		Assert.notNull(tables, "'tables' must not be null");
		this.jdbc = jdbc;
		this.table = tables.outbox();
	}

	void insert(String eventId, String mappingId, int lane, String topic, byte @Nullable [] key,
			byte @Nullable [] value, byte[] headers, Instant now) {
		Timestamp created = Timestamp.from(now);
		this.jdbc.update("INSERT INTO " + this.table + " (event_id, mapping_id, lane, topic, record_key, record_value, "
				+ "record_headers, status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, '"
				+ OutboxStatus.PENDING + "', 0, ?, ?)", (statement) -> {
					statement.setString(1, eventId);
					statement.setString(2, mappingId);
					statement.setInt(3, lane);
					statement.setString(4, topic);
					setBytes(statement, 5, key);
					setBytes(statement, 6, value);
					statement.setBytes(7, headers);
					statement.setTimestamp(8, created);
					statement.setTimestamp(9, created);
				});
	}

	private static void setBytes(PreparedStatement statement, int index, byte @Nullable [] bytes) throws SQLException {
		if (bytes != null) {
			statement.setBytes(index, bytes);
		}
		else {
			statement.setNull(index, Types.VARBINARY);
		}
	}

	/**
	 * Return up to {@code limit} pending rows of the given lanes in outbox order. Each
	 * lane is read by a branch of its own, an ordered range of the
	 * {@code (status, lane, id)} index that stops after {@code limit} rows, and the
	 * branches are merged by id: a round reads at most {@code lanes × limit} rows however
	 * many are pending, whatever the planner's statistics say of the table (a single
	 * {@code lane IN (...)} query sorts every pending row when they are missing or stale,
	 * as after a broker outage).
	 * @param lanes the lanes
	 * @param limit the most rows to return
	 * @return the rows, in id order
	 */
	List<OutboxRow> pending(Collection<Integer> lanes, int limit) {
		String columns = "id, mapping_id, topic, record_key, record_value, record_headers, attempts, created_at, "
				+ "next_attempt_at";
		String lane = "(SELECT " + columns + " FROM " + this.table + " WHERE status = '" + OutboxStatus.PENDING
				+ "' AND lane = ? ORDER BY id LIMIT " + limit + ")";
		String branches = String.join(" UNION ALL ", Collections.nCopies(lanes.size(), lane));
		return this.jdbc.query("SELECT " + columns + " FROM (" + branches + ") pending ORDER BY id LIMIT " + limit,
				OutboxRepository::row, lanes.toArray());
	}

	void sent(List<Long> ids, boolean keep, Instant now) {
		for (List<Long> chunk : chunks(ids)) {
			String in = chunk.stream().map(String::valueOf).collect(Collectors.joining(", "));
			if (keep) {
				this.jdbc.update("UPDATE " + this.table + " SET status = '" + OutboxStatus.SENT
						+ "', completed_at = ? WHERE id IN (" + in + ")", Timestamp.from(now));
			}
			else {
				this.jdbc.update("DELETE FROM " + this.table + " WHERE id IN (" + in + ")");
			}
		}
	}

	void retryLater(long id, int attempts, Instant nextAttempt, String error) {
		this.jdbc.update("UPDATE " + this.table + " SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
				attempts, Timestamp.from(nextAttempt), truncate(error), id);
	}

	void failed(long id, int attempts, String error, Instant now) {
		this.jdbc.update(
				"UPDATE " + this.table + " SET status = '" + OutboxStatus.FAILED
						+ "', attempts = ?, completed_at = ?, last_error = ? WHERE id = ?",
				attempts, Timestamp.from(now), truncate(error), id);
	}

	int deleteSentBefore(Instant before) {
		return this.jdbc.update(
				"DELETE FROM " + this.table + " WHERE status = '" + OutboxStatus.SENT + "' AND completed_at < ?",
				Timestamp.from(before));
	}

	/**
	 * Count the pending and failed rows of every mapping that has some.
	 * @param now the current time, for the age of the oldest pending row
	 * @return the statistics by mapping id
	 */
	public Map<String, OutboxStatistics> statistics(Instant now) {
		Map<String, OutboxStatistics> statistics = new HashMap<>();
		this.jdbc.query(
				"SELECT mapping_id, status, COUNT(*), MIN(created_at) FROM " + this.table + " WHERE status IN ('"
						+ OutboxStatus.PENDING + "', '" + OutboxStatus.FAILED + "') GROUP BY mapping_id, status",
				(rs) -> {
					OutboxStatistics current = statistics.getOrDefault(rs.getString(1), OutboxStatistics.EMPTY);
					statistics.put(rs.getString(1),
							add(current, rs.getString(2), rs.getLong(3), rs.getTimestamp(4), now));
				});
		return statistics;
	}

	private static OutboxStatistics add(OutboxStatistics current, String status, long count, @Nullable Timestamp oldest,
			Instant now) {
		if (OutboxStatus.FAILED.name().equals(status)) {
			return new OutboxStatistics(current.pending(), count, current.oldestPendingAge());
		}
		Duration age = (oldest != null) ? Duration.between(oldest.toInstant(), now) : null;
		return new OutboxStatistics(count, current.failed(), age);
	}

	/**
	 * Make the failed rows of a mapping pending again, with no failed attempt, to be sent
	 * after the rows pending before them.
	 * @param mappingId the mapping id
	 * @param now the current time
	 * @return the number of rows made pending
	 */
	public int retryFailed(String mappingId, Instant now) {
		return this.jdbc.update("UPDATE " + this.table + " SET status = '" + OutboxStatus.PENDING
				+ "', attempts = 0, next_attempt_at = ?, completed_at = NULL WHERE mapping_id = ? AND status = '"
				+ OutboxStatus.FAILED + "'", Timestamp.from(now), mappingId);
	}

	/**
	 * Delete the failed rows of a mapping.
	 * @param mappingId the mapping id
	 * @return the number of rows deleted
	 */
	public int discardFailed(String mappingId) {
		return this.jdbc.update(
				"DELETE FROM " + this.table + " WHERE mapping_id = ? AND status = '" + OutboxStatus.FAILED + "'",
				mappingId);
	}

	private static OutboxRow row(ResultSet rs, int rowNum) throws SQLException {
		return new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
				rs.getBytes(6), rs.getInt(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH);
	}

	private static List<List<Long>> chunks(List<Long> ids) {
		List<List<Long>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IN_LIST_SIZE) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + IN_LIST_SIZE)));
		}
		return chunks;
	}

}
