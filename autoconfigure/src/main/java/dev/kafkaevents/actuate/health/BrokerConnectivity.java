package dev.kafkaevents.actuate.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Cached check that the brokers of one instance answer: a cluster description with a
 * bounded timeout, refreshed at most once per interval, so that a health request never
 * waits longer than the timeout. The admin client is created on a thread of its own,
 * since creating it may block, for example to fetch an OAUTHBEARER token.
 *
 * @author kafka-events
 */
class BrokerConnectivity implements AutoCloseable {

	private final Map<String, Object> adminProperties;

	private final Duration timeout;

	private final Duration interval;

	private @Nullable CompletableFuture<Admin> admin;

	private @Nullable Result last;

	/**
	 * Create a new check.
	 * @param clientProperties Kafka client properties of the instance; only those an
	 * admin client knows are used, and the SSL bundle of the TLS settings
	 * @param timeout the longest a check may take
	 * @param interval how long a result is reused
	 */
	BrokerConnectivity(Map<String, Object> clientProperties, Duration timeout, Duration interval) {
		Assert.notNull(clientProperties, "'clientProperties' must not be null");
		this.adminProperties = SslBundleEngineFactory.retain(clientProperties, AdminClientConfig.configNames());
		this.adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG,
				clientProperties.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-events") + "-health");
		this.adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.timeout = timeout;
		this.interval = interval;
	}

	/**
	 * Return whether the brokers answered, checking again when the last result is older
	 * than the interval.
	 * @return the result
	 */
	synchronized Result check() {
		Result last = this.last;
		if (last != null && System.nanoTime() - last.checkedAt() < this.interval.toNanos()) {
			return last;
		}
		this.last = describeCluster();
		return this.last;
	}

	private Result describeCluster() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Admin admin = admin().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
			int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remaining))
				.nodes()
				.get(remaining, TimeUnit.MILLISECONDS)
				.size();
			return new Result(true, nodes, null, System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(false, 0, "interrupted", System.nanoTime());
		}
		catch (Exception ex) {
			return new Result(false, 0, "brokers did not answer within " + this.timeout.toMillis() + " ms ("
					+ ex.getClass().getSimpleName() + ")", System.nanoTime());
		}
	}

	private CompletableFuture<Admin> admin() {
		CompletableFuture<Admin> admin = this.admin;
		if (admin == null || admin.isCompletedExceptionally()) {
			admin = CompletableFuture.supplyAsync(() -> Admin.create(this.adminProperties), (task) -> {
				Thread thread = new Thread(task,
						this.adminProperties.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-create");
				thread.setDaemon(true);
				thread.start();
			});
			this.admin = admin;
		}
		return admin;
	}

	@Override
	public synchronized void close() {
		if (this.admin != null) {
			this.admin.thenAccept((admin) -> admin.close(Duration.ZERO));
			this.admin = null;
		}
	}

	/**
	 * Outcome of a check.
	 *
	 * @param reachable whether the brokers answered
	 * @param nodes number of brokers in the cluster
	 * @param error why they did not answer
	 * @param checkedAt when the check ran, in {@link System#nanoTime()} units
	 */
	record Result(boolean reachable, int nodes, @Nullable String error, long checkedAt) {

	}

}
