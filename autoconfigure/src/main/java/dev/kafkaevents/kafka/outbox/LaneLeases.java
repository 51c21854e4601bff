package dev.kafkaevents.kafka.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The lanes this instance holds, leased in the lease table: one row {@code lane:<n>} per
 * lane with its owner and the end of its lease, and one row {@code instance:<id>} per
 * live instance, its heartbeat.
 * <p>
 * Each {@link #maintain(Instant) maintenance} renews this instance's heartbeat and
 * leases, counts the live instances, gives up the lanes above its fair share
 * ({@code ceil(lanes / live instances)}) and takes free or expired lanes up to it. Every
 * change is one conditional {@code UPDATE}, so two instances never hold the same lane at
 * once while leases are renewed in time. Runs between dispatch rounds only, so a lane is
 * never given up with sends in flight.
 *
 * @author kafka-events
 */
final class LaneLeases {

	private static final Log logger = LogFactory.getLog(LaneLeases.class);

	private static final String LANE = "lane:";

	private static final String INSTANCE = "instance:";

	private static final int FORGOTTEN_INSTANCE_LEASES = 10;

	private final JdbcOperations jdbc;

	private final String table;

	private final int lanes;

	private final Duration leaseDuration;

	private final String owner;

	private final Set<Integer> held = new TreeSet<>();

	private Instant validUntil = Instant.MIN;

	private Instant renewAt = Instant.MIN;

	LaneLeases(JdbcOperations jdbc, OutboxTables tables, OutboxSettings settings) {
		this.jdbc = jdbc;
		this.table = tables.lease();
		this.lanes = settings.lanes();
		this.leaseDuration = settings.leaseDuration();
		this.owner = settings.instanceId();
	}

	/**
	 * Create the lane rows that do not exist yet.
	 * @param now the current time
	 */
	void createLanes(Instant now) {
		Set<String> existing = Set.copyOf(this.jdbc.queryForList(
				"SELECT lease_name FROM " + this.table + " WHERE lease_name LIKE '" + LANE + "%'", String.class));
		for (int lane = 0; lane < this.lanes; lane++) {
			if (!existing.contains(LANE + lane)) {
				insertIfAbsent(LANE + lane, null, now);
			}
		}
	}

	/**
	 * Return the lanes held with at least {@code margin} of lease left, renewing and
	 * rebalancing them first when a third of the lease has passed.
	 * @param now the current time
	 * @param margin lease time a round needs
	 * @return the lanes this instance may send from
	 */
	Set<Integer> lanes(Instant now, Duration margin) {
		if (!now.isBefore(this.renewAt)) {
			maintain(now);
		}
		return now.plus(margin).isBefore(this.validUntil) ? Set.copyOf(this.held) : Set.of();
	}

	/**
	 * Renew, give up and take lanes.
	 * @param now the current time
	 */
	void maintain(Instant now) {
		Timestamp until = Timestamp.from(now.plus(this.leaseDuration));
		Timestamp current = Timestamp.from(now);
		heartbeat(until, now);
		this.jdbc.update("UPDATE " + this.table + " SET expires_at = ? WHERE owner = ? AND lease_name LIKE '" + LANE
				+ "%' AND expires_at > ?", until, this.owner, current);
		Set<Integer> before = Set.copyOf(this.held);
		this.held.clear();
		this.jdbc
			.queryForList("SELECT lease_name FROM " + this.table + " WHERE owner = ? AND lease_name LIKE '" + LANE
					+ "%' AND expires_at > ?", String.class, this.owner, current)
			.forEach((name) -> this.held.add(lane(name)));
		int target = fairShare(current);
		releaseAbove(target, current);
		acquireUpTo(target, until, current);
		this.validUntil = until.toInstant();
		this.renewAt = now.plus(this.leaseDuration.dividedBy(3));
		if (!before.equals(this.held)) {
			logger.info(LogMessage.format("Kafka events outbox instance '%s' holds lanes %s of %d", this.owner,
					this.held, this.lanes));
		}
	}

	/**
	 * Give up every lane and the heartbeat, as when the application stops.
	 */
	void releaseAll() {
		this.jdbc.update("UPDATE " + this.table + " SET owner = NULL WHERE owner = ?", this.owner);
		this.jdbc.update("DELETE FROM " + this.table + " WHERE lease_name = ?", INSTANCE + this.owner);
		this.held.clear();
		this.validUntil = Instant.MIN;
		this.renewAt = Instant.MIN;
	}

	private void heartbeat(Timestamp until, Instant now) {
		String name = INSTANCE + this.owner;
		if (this.jdbc.update("UPDATE " + this.table + " SET expires_at = ? WHERE lease_name = ?", until, name) == 0) {
			insertIfAbsent(name, this.owner, until.toInstant());
		}
		this.jdbc.update("DELETE FROM " + this.table + " WHERE lease_name LIKE '" + INSTANCE + "%' AND expires_at < ?",
				Timestamp.from(now.minus(this.leaseDuration.multipliedBy(FORGOTTEN_INSTANCE_LEASES))));
	}

	private int fairShare(Timestamp now) {
		Integer live = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + this.table + " WHERE lease_name LIKE '" + INSTANCE + "%' AND expires_at > ?",
				Integer.class, now);
		int instances = Math.max(1, (live != null) ? live : 1);
		return (this.lanes + instances - 1) / instances;
	}

	private void releaseAbove(int target, Timestamp now) {
		List<Integer> extra = this.held.stream().skip(target).toList();
		for (Integer lane : extra) {
			this.jdbc.update(
					"UPDATE " + this.table + " SET owner = NULL, expires_at = ? WHERE lease_name = ? AND owner = ?",
					now, LANE + lane, this.owner);
			this.held.remove(lane);
		}
	}

	private void acquireUpTo(int target, Timestamp until, Timestamp now) {
		if (this.held.size() >= target) {
			return;
		}
		List<String> free = this.jdbc.queryForList(
				"SELECT lease_name FROM " + this.table + " WHERE lease_name LIKE '" + LANE
						+ "%' AND (owner IS NULL OR owner = ? OR expires_at <= ?) ORDER BY lease_name",
				String.class, this.owner, now);
		for (String name : free) {
			int lane = lane(name);
			if (this.held.size() >= target || lane >= this.lanes) {
				continue;
			}
			if (this.jdbc.update(
					"UPDATE " + this.table + " SET owner = ?, expires_at = ? WHERE lease_name = ? AND "
							+ "(owner IS NULL OR owner = ? OR expires_at <= ?)",
					this.owner, until, name, this.owner, now) == 1) {
				this.held.add(lane);
			}
		}
	}

	private void insertIfAbsent(String name, @Nullable String owner, Instant expiresAt) {
		try {
			this.jdbc.update("INSERT INTO " + this.table + " (lease_name, owner, expires_at) VALUES (?, ?, ?)", name,
					owner, Timestamp.from(expiresAt));
		}
		catch (DuplicateKeyException ex) {
			// another instance created it
		}
	}

	private static int lane(String name) {
		return Integer.parseInt(name.substring(LANE.length()));
	}

}
