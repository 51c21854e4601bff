package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Prepares the share group of a mapping before its consumers start: checks that the
 * brokers support share groups ({@code share.version}), maps {@code fromBeginning} to the
 * group's {@code share.auto.offset.reset} through the Admin API, and checks that the
 * brokers' {@code group.share.delivery.count.limit} allows the mapping's
 * {@code retry.attempts}, so that the broker never archives a record before the bridge
 * could dead-letter it. Brokers that cannot be reached in time are left to the consumers,
 * which retry on their own.
 *
 * @author kafka-events
 */
final class ShareGroupSetup {

	static final String SHARE_VERSION = "share.version";

	static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";

	static final String DELIVERY_COUNT_LIMIT = "group.share.delivery.count.limit";

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ConsumingMapping mapping;

	ShareGroupSetup(ConsumingMapping mapping) {
		this.mapping = mapping;
	}

	/**
	 * Prepare the group.
	 * @throws ShareGroupSetupException if the mapping cannot consume through a share
	 * group on its brokers
	 */
	void apply() {
		try (Admin admin = Admin.create(adminProperties())) {
			checkSupport(admin);
			applyAutoOffsetReset(admin);
			checkDeliveryCountLimit(admin);
		}
		catch (TimeoutException ex) {
			logger.warn(LogPrefix.of(this.mapping) + "could not prepare share group " + this.mapping.groupId()
					+ " within " + TIMEOUT.toSeconds() + "s: brokers " + this.mapping.brokers()
					+ " unreachable; its consumers keep retrying");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void checkSupport(Admin admin) throws InterruptedException, TimeoutException {
		FinalizedVersionRange version;
		try {
			version = call(admin.describeFeatures().featureMetadata()).finalizedFeatures().get(SHARE_VERSION);
		}
		catch (ExecutionException ex) {
			throw unsupported(ex.getCause());
		}
		if (version == null || version.maxVersionLevel() < 1) {
			throw unsupported(null);
		}
	}

	private ShareGroupSetupException unsupported(Throwable cause) {
		return new ShareGroupSetupException(this.mapping.id(),
				"brokers " + this.mapping.brokers() + " do not support share groups (feature " + SHARE_VERSION
						+ " is not enabled).",
				"Use Kafka 4.2 or later, whose new clusters enable share groups, or enable them with "
						+ "'kafka-features.sh upgrade --feature " + SHARE_VERSION + "=1'; or set kafka.shareGroup "
						+ "of mapping '" + this.mapping.id() + "' to false.",
				cause);
	}

	private void applyAutoOffsetReset(Admin admin) throws InterruptedException, TimeoutException {
		Boolean fromBeginning = this.mapping.fromBeginning();
		if (fromBeginning == null) {
			return;
		}
		String reset = fromBeginning ? "earliest" : "latest";
		ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, this.mapping.groupId());
		AlterConfigOp set = new AlterConfigOp(new ConfigEntry(AUTO_OFFSET_RESET, reset), AlterConfigOp.OpType.SET);
		try {
			call(admin.incrementalAlterConfigs(Map.of(group, List.of(set))).all());
		}
		catch (ExecutionException ex) {
			boolean denied = ex.getCause() instanceof AuthorizationException;
			throw new ShareGroupSetupException(this.mapping.id(),
					"could not set " + AUTO_OFFSET_RESET + "=" + reset + " on share group " + this.mapping.groupId()
							+ " for kafka.fromBeginning: " + ex.getCause().getMessage(),
					denied ? "Grant the principal of instance '" + this.mapping.instance()
							+ "' ALTER_CONFIGS on group '" + this.mapping.groupId()
							+ "', or remove kafka.fromBeginning " + "of mapping '" + this.mapping.id() + "' and set "
							+ AUTO_OFFSET_RESET + " with kafka-configs.sh."
							: "Check that brokers " + this.mapping.brokers() + " run Kafka 4.2 or later.",
					ex.getCause());
		}
	}

	private void checkDeliveryCountLimit(Admin admin) throws InterruptedException, TimeoutException {
		int attempts = this.mapping.retry().attempts();
		Integer limit = deliveryCountLimit(admin);
		if (limit != null && attempts > limit) {
			throw new ShareGroupSetupException(this.mapping.id(),
					"retry.attempts (" + attempts + ") exceed the brokers' " + DELIVERY_COUNT_LIMIT + " (" + limit
							+ "): the broker would archive a failing record before its last attempt, without "
							+ "sending it to the dead-letter topic.",
					"Set retry.attempts of mapping '" + this.mapping.id() + "' to " + limit + " or less, or raise "
							+ DELIVERY_COUNT_LIMIT + " on the brokers.",
					null);
		}
	}

	private Integer deliveryCountLimit(Admin admin) throws InterruptedException, TimeoutException {
		try {
			Collection<Node> nodes = call(admin.describeCluster().nodes());
			if (nodes.isEmpty()) {
				return null;
			}
			ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
					String.valueOf(nodes.iterator().next().id()));
			Config config = call(admin.describeConfigs(List.of(broker)).all()).get(broker);
			ConfigEntry entry = (config != null) ? config.get(DELIVERY_COUNT_LIMIT) : null;
			return (entry != null && entry.value() != null) ? Integer.valueOf(entry.value()) : null;
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof AuthorizationException)
					&& !(ex.getCause() instanceof UnsupportedVersionException)) {
				logger
					.warn(LogPrefix.of(this.mapping) + "could not read " + DELIVERY_COUNT_LIMIT + ": " + ex.getCause());
			}
			return null;
		}
	}

	private static <T> T call(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private Map<String, Object> adminProperties() {
		Map<String, Object> properties = SslBundleEngineFactory.retain(this.mapping.consumerProperties(),
				AdminClientConfig.configNames());
		properties.put(AdminClientConfig.CLIENT_ID_CONFIG, this.mapping.clientId() + "-share-setup");
		return properties;
	}

}
