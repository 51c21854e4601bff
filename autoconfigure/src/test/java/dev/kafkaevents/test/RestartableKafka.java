package dev.kafkaevents.test;

import java.util.Arrays;
import java.util.Map;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft broker of a test's own, for tests that stop it and start it again: the shared
 * test broker cannot be stopped.
 * <p>
 * Kafka's test kit binds each listener once and binds the same port again when a broker
 * restarts, and it keeps the log directories until the cluster is closed, so the
 * restarted broker has the same address and the same data.
 *
 * @author kafka-events
 */
public final class RestartableKafka implements AutoCloseable {

	private final KafkaClusterTestKit cluster;

	private RestartableKafka(KafkaClusterTestKit cluster) {
		this.cluster = cluster;
	}

	/**
	 * Start a single combined broker and controller with the given topics of one
	 * partition each.
	 * @param topics the topics to create
	 * @return the running broker
	 * @throws Exception if the broker does not start or a topic cannot be created
	 */
	public static RestartableKafka start(String... topics) throws Exception {
		KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
			.setConfigProp("auto.create.topics.enable", "false")
			.setConfigProp("offsets.topic.replication.factor", "1")
			.setConfigProp("offsets.topic.num.partitions", "1")
			.setConfigProp("group.initial.rebalance.delay.ms", "0")
			.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
			admin.createTopics(Arrays.stream(topics).map((topic) -> new NewTopic(topic, 1, (short) 1)).toList())
				.all()
				.get();
		}
		return new RestartableKafka(cluster);
	}

	/**
	 * Return the bootstrap address of the broker, the same before and after a restart.
	 * @return host:port
	 */
	public String brokers() {
		return this.cluster.bootstrapServers();
	}

	/**
	 * Stop the broker, keeping its controller, port and data.
	 */
	public void stopBroker() {
		broker().shutdown();
	}

	/**
	 * Start the stopped broker again on the same port.
	 */
	public void startBroker() {
		broker().startup();
	}

	private BrokerServer broker() {
		return this.cluster.brokers().values().iterator().next();
	}

	@Override
	public void close() throws Exception {
		this.cluster.close();
	}

}
