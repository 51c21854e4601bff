package dev.kafkaevents.kafka.inbox;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The consuming application that {@link InboxCrashIntegrationTests} runs in a JVM of its
 * own: an {@link InboxApplication} whose idempotent mapping inserts a business row per
 * event, until it is killed. Its consumer is a static member of its group, so that a
 * restart takes the partitions of the killed one over at once.
 * <p>
 * Arguments: JDBC URL, username, password, brokers, Kafka topic, group, table prefix.
 *
 * @author kafka-events
 */
final class InboxCrashApplication {

	private InboxCrashApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, Object> properties = InboxApplication.properties(args[0], args[1], args[2], args[3], args[4],
				args[5], args[6]);
		properties.put(InboxApplication.CONSUMING + "topics[0].kafka.properties[group.instance.id]", args[5] + "-b");
		properties.put(InboxApplication.CONSUMING + "topics[0].kafka.sessionTimeout", "10s");
		properties.put(InboxApplication.CONSUMING + "topics[0].kafka.heartbeatInterval", "1s");
		InboxApplication.start(properties);
		System.out.println("CONSUMING");
		new CountDownLatch(1).await();
	}

}
