package dev.kafkaevents.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import com.zaxxer.hikari.HikariDataSource;
import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.kafka.outbox.OutboxObserver;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox on PostgreSQL against a hand-written relay on raw JDBC and raw
 * kafka-clients ({@link RawOutboxRelay}) on the same database and broker: events per
 * second from the first commit until the broker acknowledged the last record, one event
 * per transaction and 100 per transaction, after a fifth as many warm-up events that each
 * side commits and relays unmeasured, and the latency from writing a row to its
 * acknowledgement at a fixed 500 events/s. Skipped, with a log line, when PostgreSQL does
 * not answer at {@code -Dkafka-events.benchmarks.jdbc-url}
 * ({@code jdbc:postgresql://127.0.0.1:5432/test} by default).
 *
 * @author kafka-events
 */
final class OutboxBenchmark {

	static final String EVENTS_TOPIC = "bench.outbox";

	static final int LATENCY_RATE = 500;

	static final String URL = System.getProperty("kafka-events.benchmarks.jdbc-url",
			"jdbc:postgresql://127.0.0.1:5432/test");

	static final String USERNAME = System.getProperty("kafka-events.benchmarks.jdbc-username", "postgres");

	static final String PASSWORD = System.getProperty("kafka-events.benchmarks.jdbc-password", "");

	private final BenchmarkSetup setup;

	OutboxBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	/**
	 * Return whether the database answers.
	 * @return whether the outbox cases can run
	 */
	static boolean available() {
		try (Connection connection = DriverManager.getConnection(URL, USERNAME, PASSWORD)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			Benchmarks.log("PostgreSQL does not answer at %s (%s): the outbox and inbox cases are skipped", URL,
					ex.getMessage());
			return false;
		}
	}

	List<Result> run() {
		if (!available()) {
			return List.of();
		}
		long single = this.setup.options().sequentialRecords();
		long batched = single * 10;
		List<Measurement> raw1 = new ArrayList<>();
		List<Measurement> bridge1 = new ArrayList<>();
		List<Measurement> raw100 = new ArrayList<>();
		List<Measurement> bridge100 = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw1.add(Benchmarks.logged("outbox 1 per transaction, raw relay", measureRaw(single, 1))),
				() -> bridge1.add(Benchmarks.logged("outbox 1 per transaction, bridge", measureBridge(single, 1))),
				() -> raw100.add(Benchmarks.logged("outbox 100 per transaction, raw relay", measureRaw(batched, 100))),
				() -> bridge100
					.add(Benchmarks.logged("outbox 100 per transaction, bridge", measureBridge(batched, 100))));
		List<Result> results = new ArrayList<>();
		results.add(throughput("outbox, 1 event per transaction", raw1, bridge1, single));
		results.add(throughput("outbox, 100 events per transaction", raw100, bridge100, batched));
		results.addAll(latency());
		return results;
	}

	private static Result throughput(String name, List<Measurement> raw, List<Measurement> bridge, long records) {
		return Result
			.throughput(name, raw, bridge, Target.atLeast(0.8),
					new Moved(records, ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved()))
			.withoutCpu();
	}

	private List<Result> latency() {
		long records = this.setup.options().latencyRecords();
		List<Double> rawP50 = new ArrayList<>();
		List<Double> rawP99 = new ArrayList<>();
		List<Double> bridgeP50 = new ArrayList<>();
		List<Double> bridgeP99 = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(), () -> {
			List<Long> micros = latencies((latency) -> measureRaw(records, 1, latency, LATENCY_RATE));
			rawP50.add(percentile(micros, 0.5));
			rawP99.add(percentile(micros, 0.99));
		}, () -> {
			List<Long> micros = latencies((latency) -> measureBridge(records, 1, latency, LATENCY_RATE));
			bridgeP50.add(percentile(micros, 0.5));
			bridgeP99.add(percentile(micros, 0.99));
		});
		Benchmarks.log("outbox latency at %d events/s: raw p50 %.2f ms p99 %.2f ms, bridge p50 %.2f ms p99 %.2f ms",
				LATENCY_RATE, Result.median(rawP50), Result.median(rawP99), Result.median(bridgeP50),
				Result.median(bridgeP99));
		String rate = " at " + LATENCY_RATE + " events/s";
		return List.of(
				Result.of("outbox commit-to-ack p50" + rate, Unit.LATENCY_MILLISECONDS, rawP50, bridgeP50,
						new Target("bridge under 20 ms", (ratio) -> Result.median(bridgeP50) < 20), null),
				Result.of("outbox commit-to-ack p99" + rate, Unit.LATENCY_MILLISECONDS, rawP99, bridgeP99,
						Target.described("reported"), null));
	}

	private static List<Long> latencies(java.util.function.Consumer<LongConsumer> measurement) {
		ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
		measurement.accept(micros::add);
		List<Long> sorted = new ArrayList<>(micros);
		Collections.sort(sorted);
		return sorted;
	}

	private static double percentile(List<Long> sortedMicros, double percentile) {
		if (sortedMicros.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.min(sortedMicros.size() - 1, Math.ceil(percentile * sortedMicros.size()) - 1);
		return sortedMicros.get(Math.max(0, index)) / 1000.0;
	}

	/**
	 * Run both sides once over the warm-up events, unmeasured, so that the JIT has
	 * compiled the writing and relaying code before the first side is measured.
	 */
	void warmUp() {
		if (available()) {
			long warmup = warmup(this.setup.options().sequentialRecords());
			measureRaw(warmup, 1);
			measureBridge(warmup, 1);
		}
	}

	private Measurement measureRaw(long records, int perTransaction) {
		return measureRaw(records, perTransaction, (latency) -> {
		}, 0);
	}

	private Measurement measureRaw(long records, int perTransaction, LongConsumer latencies, int rate) {
		String topic = this.setup.broker().createTopic("outbox-raw", this.setup.options().partitions());
		Measured measured = new Measured(latencies);
		try (HikariDataSource dataSource = dataSource();
				RawOutboxRelay relay = new RawOutboxRelay(dataSource, "bench_raw_" + unique() + "outbox",
						this.setup.unbatchedProducer("raw-outbox"), measured)) {
			Payload payload = this.setup.payload();
			Transactions transactions = (count) -> {
				List<byte[]> values = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					values.add(payload.write(payload.map()));
				}
				relay.commit(topic, values);
			};
			return measure(topic, records, perTransaction, rate, measured, transactions);
		}
		catch (SQLException | InterruptedException ex) {
			throw new IllegalStateException("The raw outbox relay failed", ex);
		}
	}

	private Measurement measureBridge(long records, int perTransaction) {
		return measureBridge(records, perTransaction, (latency) -> {
		}, 0);
	}

	private Measurement measureBridge(long records, int perTransaction, LongConsumer latencies, int rate) {
		String topic = this.setup.broker().createTopic("outbox-bridge", this.setup.options().partitions());
		Measured measured = new Measured(latencies);
		OutboxObserver observer = new OutboxObserver() {

			@Override
			public void sent(String mappingId, Duration latency) {
				measured.accept(latency.toNanos() / 1000);
			}

		};
		try (BridgeApplication application = this.setup.bridge()
			.publishing(EVENTS_TOPIC, topic)
			.outbox(URL, USERNAME, PASSWORD, "bench_" + unique())
			.bean(OutboxObserver.class, () -> observer)
			.run()) {
			EventsService eventsService = application.eventsService();
			TransactionTemplate template = application.bean(TransactionTemplate.class);
			Payload payload = this.setup.payload();
			Transactions transactions = (count) -> template.executeWithoutResult((status) -> {
				for (int i = 0; i < count; i++) {
					eventsService.publish(new EventParams(EVENTS_TOPIC, payload.map(), EventMetadata.empty())).join();
				}
			});
			return measure(topic, records, perTransaction, rate, measured, transactions);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The outbox bridge failed", ex);
		}
	}

	/**
	 * Commit the warm-up events and wait until they reached Kafka, then commit the
	 * measured ones and measure until the last one reached Kafka.
	 */
	private Measurement measure(String topic, long records, int perTransaction, int rate, Measured measured,
			Transactions transactions) throws SQLException {
		long warmup = warmup(records);
		commit(warmup, perTransaction, rate, transactions);
		awaitRecords(topic, warmup);
		measured.start();
		Stopwatch stopwatch = Stopwatch.start();
		commit(records, perTransaction, rate, transactions);
		awaitRecords(topic, warmup + records);
		Throughput throughput = stopwatch.stop(records);
		return new Measurement(throughput, this.setup.broker().recordCount(topic) - warmup);
	}

	private static void commit(long records, int perTransaction, int rate, Transactions transactions)
			throws SQLException {
		long start = System.nanoTime();
		for (long sent = 0; sent < records; sent += perTransaction) {
			pace(start, sent, rate);
			transactions.commit((int) Math.min(perTransaction, records - sent));
		}
	}

	private static long warmup(long records) {
		return Math.max(1, records / 5);
	}

	private static void pace(long start, long sent, int rate) {
		if (rate > 0) {
			long due = start + sent * 1_000_000_000L / rate;
			while (System.nanoTime() < due) {
				LockSupport.parkNanos(due - System.nanoTime());
			}
		}
	}

	private void awaitRecords(String topic, long records) {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (this.setup.broker().recordCount(topic) < records) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The records did not all reach " + topic);
			}
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
	}

	static HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(URL);
		dataSource.setUsername(USERNAME);
		dataSource.setPassword(PASSWORD);
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
	}

	/**
	 * Commits one transaction of events on one side.
	 */
	@FunctionalInterface
	private interface Transactions {

		void commit(int events) throws SQLException;

	}

	/**
	 * Passes the latencies of the measured events on, not those of the warm-up ones.
	 */
	private static final class Measured implements LongConsumer {

		private final LongConsumer latencies;

		private volatile boolean started;

		Measured(LongConsumer latencies) {
			this.latencies = latencies;
		}

		void start() {
			this.started = true;
		}

		@Override
		public void accept(long micros) {
			if (this.started) {
				this.latencies.accept(micros);
			}
		}

	}

}
