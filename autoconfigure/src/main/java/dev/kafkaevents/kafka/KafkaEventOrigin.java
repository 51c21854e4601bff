package dev.kafkaevents.kafka;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

import org.springframework.util.Assert;

/**
 * Where an event consumed from Kafka came from, recorded by the consuming bridge under a
 * reserved metadata name so that the publishing bridge never sends it back to the same
 * topic of the same cluster.
 * <p>
 * A cluster is identified by its bootstrap brokers compared as a set: trimmed,
 * lower-cased and sorted, so that {@code [b:9092, a:9092]} and {@code [A:9092, b:9092]}
 * are the same cluster. Different addresses of the same brokers (a host name and its IP
 * address) are not recognised as the same cluster.
 *
 * @author kafka-events
 */
public final class KafkaEventOrigin {

	/**
	 * Reserved metadata name holding the origin, {@code <cluster>|<Kafka topic>}; never
	 * forwarded as a Kafka header.
	 */
	public static final String METADATA_NAME = "kafka-events-origin";

	private KafkaEventOrigin() {
	}

	/**
	 * Return the identity of the cluster reached through the given bootstrap brokers.
	 * @param brokers the bootstrap brokers as host:port
	 * @return the brokers trimmed, lower-cased, sorted, without duplicates and joined
	 * with commas
	 */
	public static String cluster(Collection<String> brokers) {
		Assert.notNull(brokers, "'brokers' must not be null");
		TreeSet<String> normalized = new TreeSet<>();
		for (String broker : brokers) {
			if (broker != null && !broker.isBlank()) {
				normalized.add(broker.strip().toLowerCase(Locale.ROOT));
			}
		}
		return String.join(",", normalized);
	}

	/**
	 * Return whether two lists of bootstrap brokers reach the same cluster.
	 * @param first the first brokers
	 * @param second the second brokers
	 * @return whether both have the same brokers, compared as sets
	 */
	public static boolean sameCluster(Collection<String> first, Collection<String> second) {
		return cluster(first).equals(cluster(second));
	}

	/**
	 * Return the origin value of a Kafka topic of a cluster.
	 * @param brokers the bootstrap brokers of the cluster
	 * @param topic the Kafka topic
	 * @return the origin, {@code <cluster>|<topic>}
	 */
	public static String of(Collection<String> brokers, String topic) {
		return of(cluster(brokers), topic);
	}

	/**
	 * Return the origin value of a Kafka topic of a cluster.
	 * @param cluster the cluster, as returned by {@link #cluster(Collection)}
	 * @param topic the Kafka topic
	 * @return the origin, {@code <cluster>|<topic>}
	 */
	public static String of(String cluster, String topic) {
		Assert.notNull(cluster, "'cluster' must not be null");
		Assert.notNull(topic, "'topic' must not be null");
		return cluster + "|" + topic;
	}

	/**
	 * Return whether a metadata name is the reserved origin name, ignoring case.
	 * @param name the metadata name
	 * @return whether it is {@link #METADATA_NAME}
	 */
	public static boolean isOriginName(String name) {
		return METADATA_NAME.equalsIgnoreCase(name);
	}

}
