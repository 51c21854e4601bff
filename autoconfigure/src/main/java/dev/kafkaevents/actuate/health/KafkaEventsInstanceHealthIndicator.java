package dev.kafkaevents.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;
import dev.kafkaevents.kafka.consumer.ShareGroupStatistics;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of one Kafka events instance: DOWN when its brokers (those of both sides, when
 * they differ) do not answer or a consuming mapping has stopped, {@link #PAUSED_ON_ERROR}
 * when a partition is paused at a failed record, UP otherwise (a mapping paused by an
 * operator is not a failure).
 *
 * @author kafka-events
 */
public class KafkaEventsInstanceHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	/**
	 * Status of an instance with a partition paused at a failed record: needs an
	 * operator, but is not down.
	 */
	public static final Status PAUSED_ON_ERROR = new Status("PAUSED_ON_ERROR",
			"A partition is paused at a record that failed; retry or skip it through the kafkaevents endpoint");

	private final List<String> brokers;

	private final List<KafkaConsumingBridge> bridges;

	private final List<BrokerConnectivity> connectivity;

	/**
	 * Create a new indicator.
	 * @param instance the instance, whose brokers are checked with its instance-level
	 * client properties
	 * @param bridges the consuming bridges of the instance
	 * @param timeout the longest a broker check may take
	 * @param interval how long a broker check result is reused
	 */
	public KafkaEventsInstanceHealthIndicator(KafkaInstance instance, List<KafkaConsumingBridge> bridges,
			Duration timeout, Duration interval) {
		super("Kafka events health check failed");
		Assert.notNull(instance, "'instance' must not be null");
		Assert.notNull(bridges, "'bridges' must not be null");
		List<KafkaConnection> clusters = instance.distinctClusters();
		Set<String> brokers = new LinkedHashSet<>();
		clusters.forEach((connection) -> brokers.addAll(connection.brokers()));
		this.brokers = List.copyOf(brokers);
		this.bridges = List.copyOf(bridges);
		this.connectivity = clusters.stream()
			.map((connection) -> new BrokerConnectivity(connection.clientProperties(), timeout, interval))
			.toList();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<BrokerConnectivity.Result> results = this.connectivity.stream().map(BrokerConnectivity::check).toList();
		boolean reachable = results.stream().allMatch(BrokerConnectivity.Result::reachable);
		builder.withDetail("brokers", this.brokers);
		if (reachable) {
			builder.withDetail("nodes", results.stream().mapToInt(BrokerConnectivity.Result::nodes).sum());
		}
		else {
			builder.withDetail("error", errors(results));
		}
		Map<String, Object> mappings = new LinkedHashMap<>();
		boolean stopped = false;
		boolean pausedOnError = false;
		for (KafkaConsumingBridge bridge : this.bridges) {
			ConsumingState state = bridge.getState();
			stopped |= state == ConsumingState.STOPPED;
			pausedOnError |= state == ConsumingState.PAUSED_ON_ERROR;
			mappings.put(bridge.getMapping().id(), describe(bridge, state));
		}
		builder.withDetail("mappings", mappings);
		builder.status(status(reachable, stopped, pausedOnError));
	}

	private static String errors(List<BrokerConnectivity.Result> results) {
		return String.join("; ",
				results.stream()
					.filter((result) -> !result.reachable())
					.map((result) -> String.valueOf(result.error()))
					.toList());
	}

	private static Status status(boolean reachable, boolean stopped, boolean pausedOnError) {
		if (!reachable || stopped) {
			return Status.DOWN;
		}
		return pausedOnError ? PAUSED_ON_ERROR : Status.UP;
	}

	private static Map<String, Object> describe(KafkaConsumingBridge bridge, ConsumingState state) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", state);
		if (state == ConsumingState.PAUSED_ON_ERROR) {
			Map<String, Object> failed = new LinkedHashMap<>();
			bridge.getPausedOnError().forEach((partition, record) -> failed.put(partition.toString(), record));
			details.put("failedRecords", failed);
		}
		ShareGroupStatistics shareGroup = bridge.getShareGroupStatistics();
		if (shareGroup != null) {
			details.put("shareGroup", shareGroup);
		}
		return details;
	}

	@Override
	public void destroy() {
		this.connectivity.forEach(BrokerConnectivity::close);
	}

}
