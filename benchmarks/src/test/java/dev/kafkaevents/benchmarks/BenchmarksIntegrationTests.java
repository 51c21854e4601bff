package dev.kafkaevents.benchmarks;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the benchmark harness with tiny counts: every case produces figures and
 * moves the expected records. Nothing about speed is asserted.
 *
 * @author kafka-events
 */
class BenchmarksIntegrationTests {

	@Test
	void runWithTinyCountsShouldMeasureEveryCase() {
		BenchmarkOptions options = BenchmarkOptions.parse("--records", "2000", "--warmup", "500", "--partitions", "2",
				"--sequential-records", "50", "--latency-records", "100", "--latency-rate", "2000", "--mappings", "1",
				"--request-reply-requests", "200", "--jit-warmup", "false");
		BenchmarkReport report = Benchmarks.run(options);
		List<Result> results = report.results();
		assertThat(results).extracting(Result::name)
			.contains("consuming, autoCommit true", "consuming, autoCommit false", "consuming, filter passing half",
					"share group, 1 member", "share group, 4 members",
					"share group (1 member) against the consumer-group mapping", "publishing pipelined",
					"publishing one at a time (awaiting each)", "relay, autoCommit true", "relay, autoCommit false",
					"latency p50 at 2000 records/s", "latency p99 at 2000 records/s",
					"start-up until 1 mapping(s) consume", "heap after GC, 1 mapping(s)",
					"request-reply round trips, 1 in flight", "request-reply p50, 1 in flight",
					"request-reply p99, 1 in flight", "request-reply round trips, 64 in flight",
					"request-reply p50, 64 in flight", "request-reply p99, 64 in flight");
		assertThat(results).allSatisfy((result) -> assertThat(result.bridge()).isFinite());
		Set<Result.Unit> positive = Set.of(Result.Unit.RECORDS_PER_SECOND, Result.Unit.LATENCY_MILLISECONDS,
				Result.Unit.MILLISECONDS);
		assertThat(results)
			.filteredOn((result) -> positive.contains(result.unit()) && !result.name().contains("per added mapping"))
			.allSatisfy((result) -> {
				assertThat(result.bridge()).as(result.name()).isPositive();
				assertThat(result.raw()).as(result.name())
					.satisfiesAnyOf((raw) -> assertThat(raw).isNull(), (raw) -> assertThat(raw).isPositive());
			});
		assertThat(results).filteredOn((result) -> result.moved() != null)
			.hasSize(OutboxBenchmark.available() ? 19 : 14)
			.allSatisfy((result) -> {
				Result.Moved moved = result.moved();
				assertThat(moved.raw()).as(result.name()).isEqualTo(moved.expected());
				assertThat(moved.bridge()).as(result.name()).isEqualTo(moved.expected());
			});
		assertThat(report.markdown()).contains("| consuming, autoCommit true | records/s |");
		if (OutboxBenchmark.available()) {
			assertThat(results).extracting(Result::name)
				.contains("outbox, 1 event per transaction", "outbox, 100 events per transaction",
						"outbox commit-to-ack p50 at 500 events/s", "outbox commit-to-ack p99 at 500 events/s",
						"idempotent consuming (insert per record)",
						"idempotent against not idempotent (insert per record)",
						"idempotent against not idempotent (no handler insert)");
		}
	}

}
