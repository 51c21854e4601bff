package dev.kafkaevents.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.KafkaRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotent consuming on PostgreSQL: the bridge with {@code idempotent: true} and a
 * handler inserting one business row per record with {@code JdbcTemplate}, against a raw
 * kafka-clients and JDBC loop doing the same work (an insert-if-absent into its inbox and
 * a business insert per record, one database commit then a synchronous offset commit per
 * poll), and against the same handler on a mapping that is not idempotent (each insert
 * committed on its own); and, for the inbox's own cost, both mappings with a handler that
 * does no database work. Both bridges commit offsets synchronously ({@code autoCommit:
 * false}), as the raw loop. Skipped, with a log line, when PostgreSQL does not answer.
 *
 * @author kafka-events
 */
final class InboxBenchmark {

	static final String EVENTS_TOPIC = "bench.inbox";

	private final BenchmarkSetup setup;

	InboxBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		if (!OutboxBenchmark.available()) {
			return List.of();
		}
		long records = this.setup.options().sequentialRecords() * 10;
		long warmup = records / 4;
		String topic = this.setup.broker().createTopic("inbox-source", this.setup.options().partitions());
		this.setup.broker().preload(topic, this.setup.payload().json(), warmup + records);
		List<Measurement> raw = new ArrayList<>();
		List<Measurement> idempotent = new ArrayList<>();
		List<Measurement> plain = new ArrayList<>();
		List<Measurement> idempotentOnly = new ArrayList<>();
		List<Measurement> plainOnly = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw.add(Benchmarks.logged("inbox, raw JDBC loop", measureRaw(topic, warmup, warmup + records))),
				() -> idempotent.add(Benchmarks.logged("inbox, bridge idempotent",
						measureBridge(topic, true, true, warmup, warmup + records))),
				() -> plain.add(Benchmarks.logged("inbox, bridge not idempotent",
						measureBridge(topic, false, true, warmup, warmup + records))),
				() -> idempotentOnly.add(Benchmarks.logged("inbox, no handler insert, idempotent",
						measureBridge(topic, true, false, warmup, warmup + records))),
				() -> plainOnly.add(Benchmarks.logged("inbox, no handler insert, not idempotent",
						measureBridge(topic, false, false, warmup, warmup + records))));
		long total = warmup + records;
		return List.of(
				Result
					.throughput("idempotent consuming (insert per record)", raw, idempotent, Target.atLeast(0.8),
							moved(total, raw, idempotent))
					.withoutCpu(),
				Result
					.throughput("idempotent against not idempotent (insert per record)", plain, idempotent,
							Target.described("reported"), moved(total, plain, idempotent))
					.withoutCpu(),
				Result
					.throughput("idempotent against not idempotent (no handler insert)", plainOnly, idempotentOnly,
							Target.described("reported"), moved(total, plainOnly, idempotentOnly))
					.withoutCpu());
	}

	private static Moved moved(long total, List<Measurement> raw, List<Measurement> bridge) {
		return new Moved(total, ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved());
	}

	private Measurement measureRaw(String topic, long from, long to) {
		AtomicLong count = new AtomicLong();
		String prefix = "bench_raw_" + OutboxBenchmark.unique();
		try (HikariDataSource dataSource = OutboxBenchmark.dataSource()) {
			createTables(dataSource, prefix);
			try (Background loop = Background.start("raw-inbox",
					(background) -> consume(dataSource, prefix, topic, count, to, background))) {
				Throughput rate = Waits.rate(count::get, from, to, Waits.forRecords(to), loop::check);
				return new Measurement(rate, count.get());
			}
		}
	}

	private static void createTables(DataSource dataSource, String prefix) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + prefix + "inbox (group_id VARCHAR(255) NOT NULL, message_id "
					+ "VARCHAR(255) NOT NULL, received_at TIMESTAMP(6) NOT NULL, PRIMARY KEY (group_id, message_id))");
			statement.execute("CREATE TABLE " + prefix + "business (event VARCHAR(255) NOT NULL, size INTEGER)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the raw inbox tables", ex);
		}
	}

	private void consume(DataSource dataSource, String prefix, String topic, AtomicLong count, long total,
			Background background) {
		Payload payload = this.setup.payload();
		try (KafkaConsumer<byte[], byte[]> consumer = this.setup.consumer("raw-inbox", false);
				Connection connection = dataSource.getConnection();
				PreparedStatement inbox = connection.prepareStatement("INSERT INTO " + prefix + "inbox (group_id, "
						+ "message_id, received_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING");
				PreparedStatement business = connection
					.prepareStatement("INSERT INTO " + prefix + "business (event, size) VALUES (?, ?)")) {
			connection.setAutoCommit(false);
			consumer.subscribe(List.of(topic));
			String group = consumer.groupMetadata().groupId();
			while (background.running() && count.get() < total) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					String messageId = "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
					inbox.setString(1, group);
					inbox.setString(2, messageId);
					if (inbox.executeUpdate() == 1) {
						business.setString(1, messageId);
						business.setInt(2, (int) Payload.consume(payload.parse(record.value())));
						business.executeUpdate();
					}
				}
				if (!records.isEmpty()) {
					connection.commit();
					consumer.commitSync();
					count.addAndGet(records.count());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The raw inbox loop failed", ex);
		}
	}

	private Measurement measureBridge(String topic, boolean idempotent, boolean insert, long from, long to) {
		BusinessHandler handler = new BusinessHandler(insert);
		String group = this.setup.broker().uniqueName("bridge-inbox");
		String prefix = "bench_" + OutboxBenchmark.unique();
		BridgeApplication.Builder builder = this.setup.bridge()
			.consuming(EVENTS_TOPIC, topic, group, false)
			.dataSource(OutboxBenchmark.URL, OutboxBenchmark.USERNAME, OutboxBenchmark.PASSWORD)
			.property("bench.inbox.prefix", prefix)
			.bean(BusinessHandler.class, () -> handler);
		try (BridgeApplication application = (idempotent ? builder.idempotent(prefix) : builder).run()) {
			Throughput rate = Waits.rate(handler::count, from, to, Waits.forRecords(to), () -> {
			});
			return new Measurement(rate, handler.count());
		}
	}

	/**
	 * Inserts a business row per event, with the raw loop's columns.
	 */
	static class BusinessHandler {

		private final AtomicLong count = new AtomicLong();

		private final boolean insert;

		private long sink;

		private JdbcTemplate jdbc;

		private String table;

		BusinessHandler(boolean insert) {
			this.insert = insert;
		}

		@Autowired
		void setDataSource(DataSource dataSource,
				@org.springframework.beans.factory.annotation.Value("${bench.inbox.prefix}") String prefix) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.table = prefix + "business";
			this.jdbc.execute("CREATE TABLE " + this.table + " (event VARCHAR(255) NOT NULL, size INTEGER)");
		}

		@EventHandler(topics = EVENTS_TOPIC)
		void onEvent(EventParams event) {
			KafkaRecord record = event.kafkaRecord();
			if (!this.insert) {
				this.sink += Payload.consume(event.eventPayload());
				this.count.incrementAndGet();
				return;
			}
			this.jdbc.update("INSERT INTO " + this.table + " (event, size) VALUES (?, ?)",
					"kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset(),
					(int) Payload.consume(event.eventPayload()));
			this.count.incrementAndGet();
		}

		long count() {
			Benchmarks.sink(this.sink);
			return this.count.get();
		}

	}

}
