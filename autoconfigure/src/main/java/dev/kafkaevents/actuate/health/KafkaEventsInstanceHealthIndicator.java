package dev.kafkaevents.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.consumer.ConsumingState;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridge;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of one Kafka events instance: DOWN when its brokers do not answer or a consuming
 * mapping has stopped, {@link #PAUSED_ON_ERROR} when a partition is paused at a failed
 * record, UP otherwise (a mapping paused by an operator is not a failure).
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

	private final BrokerConnectivity connectivity;

	/**
	 * Create a new indicator.
	 * @param brokers the bootstrap brokers of the instance
	 * @param clientProperties Kafka client properties used to reach them
	 * @param bridges the consuming bridges of the instance
	 * @param timeout the longest a broker check may take
	 * @param interval how long a broker check result is reused
	 */
	public KafkaEventsInstanceHealthIndicator(List<String> brokers, Map<String, Object> clientProperties,
			List<KafkaConsumingBridge> bridges, Duration timeout, Duration interval) {
		super("Kafka events health check failed");
		Assert.notNull(brokers, "'brokers' must not be null");
		Assert.notNull(bridges, "'bridges' must not be null");
		this.brokers = List.copyOf(brokers);
		this.bridges = List.copyOf(bridges);
		this.connectivity = new BrokerConnectivity(clientProperties, timeout, interval);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		BrokerConnectivity.Result brokers = this.connectivity.check();
		builder.withDetail("brokers", this.brokers);
		if (brokers.reachable()) {
			builder.withDetail("nodes", brokers.nodes());
		}
		else {
			builder.withDetail("error", String.valueOf(brokers.error()));
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
		builder.status(status(brokers.reachable(), stopped, pausedOnError));
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
		return details;
	}

	@Override
	public void destroy() {
		this.connectivity.close();
	}

}
