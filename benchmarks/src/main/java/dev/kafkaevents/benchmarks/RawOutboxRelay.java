package dev.kafkaevents.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The hand-written outbox the outbox cases compare with: raw JDBC inserts in the caller's
 * transaction, each row with an event id that its record carries as a header, as the
 * bridge's records do, and one relay thread that reads the rows in order, sends them with
 * a raw producer, waits for the acknowledgements and deletes them; woken up after each
 * commit, else every second. Each acknowledged row reports its latency from insert to
 * acknowledgement, in microseconds.
 *
 * @author kafka-events
 */
final class RawOutboxRelay implements AutoCloseable {

	private static final int BATCH = 500;

	private static final String EVENT_ID_HEADER = "event-id";

	private final DataSource dataSource;

	private final String table;

	private final KafkaProducer<byte[], byte[]> producer;

	private final LongConsumer latencies;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Thread relay;

	private volatile boolean running = true;

	RawOutboxRelay(DataSource dataSource, String table, KafkaProducer<byte[], byte[]> producer, LongConsumer latencies)
			throws SQLException {
		this.dataSource = dataSource;
		this.table = table;
		this.producer = producer;
		this.latencies = latencies;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement
				.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGSERIAL PRIMARY KEY, event_id VARCHAR(36) "
						+ "NOT NULL, topic VARCHAR(255) NOT NULL, record_key BYTEA, record_value BYTEA, created_at "
						+ "TIMESTAMP(6) NOT NULL)");
		}
		this.relay = new Thread(this::relay, "raw-outbox-relay");
		this.relay.setDaemon(true);
		this.relay.start();
	}

	/**
	 * Insert the records of one transaction and commit it.
	 * @param topic the Kafka topic
	 * @param values the record values
	 * @throws SQLException if the transaction fails
	 */
	void commit(String topic, List<byte[]> values) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
					+ " (event_id, topic, record_key, record_value, created_at) VALUES (?, ?, NULL, ?, ?)")) {
				for (byte[] value : values) {
					insert.setString(1, UUID.randomUUID().toString());
					insert.setString(2, topic);
					insert.setBytes(3, value);
					insert.setTimestamp(4, Timestamp.from(Instant.now()));
					insert.executeUpdate();
				}
			}
			connection.commit();
		}
		this.wakeUps.release();
	}

	private void relay() {
		while (this.running) {
			try {
				if (relayBatch() < BATCH && this.wakeUps.tryAcquire(1, TimeUnit.SECONDS)) {
					this.wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (SQLException ex) {
				Benchmarks.log("raw outbox relay failed: %s", ex);
			}
		}
	}

	private int relayBatch() throws SQLException {
		List<Long> ids = new ArrayList<>();
		List<Future<?>> sends = new ArrayList<>();
		List<Instant> created = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT id, event_id, topic, record_key, record_value, created_at FROM " + this.table
							+ " ORDER BY id LIMIT " + BATCH)) {
			while (rows.next()) {
				ids.add(rows.getLong(1));
				created.add(rows.getTimestamp(6).toInstant());
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(rows.getString(3), rows.getBytes(4),
						rows.getBytes(5));
				record.headers().add(EVENT_ID_HEADER, rows.getString(2).getBytes(StandardCharsets.UTF_8));
				sends.add(this.producer.send(record));
			}
		}
		for (int i = 0; i < sends.size(); i++) {
			BenchmarkBroker.get(sends.get(i));
			this.latencies.accept(Duration.between(created.get(i), Instant.now()).toNanos() / 1000);
		}
		if (!ids.isEmpty()) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM " + this.table + " WHERE id IN ("
						+ ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
			}
		}
		return ids.size();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.wakeUps.release();
		this.relay.join(10_000);
		this.producer.close();
	}

}
