package dev.kafkaevents.autoconfigure.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code brokers} of an instance as the Kafka client's
 * {@code bootstrap.servers} expects them: {@code host:port} or {@code [ipv6]:port}. A
 * broker without a port, as in Backstage's README ({@code broker1}), takes Kafka's
 * default port {@value #DEFAULT_PORT}, and a log line says so.
 *
 * @author kafka-events
 */
final class BrokerAddresses {

	/**
	 * Port of a broker given without one: Kafka's default.
	 */
	static final int DEFAULT_PORT = 9092;

	static final String FORM = "host:port, such as kafka1:9092 or [::1]:9092";

	private static final String HOST = "[0-9a-zA-Z\\-%._]+";

	private static final Pattern ADDRESS = Pattern
		.compile("^(?:[a-zA-Z][a-zA-Z0-9_]*://)?(" + HOST + "|\\[[0-9a-fA-F:%.a-zA-Z]+\\])(?::([0-9]+))?$");

	private static final Log logger = LogFactory.getLog(BrokerAddresses.class);

	private BrokerAddresses() {
	}

	/**
	 * Report each broker that is no address.
	 * @param path the full path of the brokers
	 * @param brokers the brokers
	 * @param problems where problems are reported
	 */
	static void validate(String path, List<String> brokers, ConfigurationProblems problems) {
		for (int i = 0; i < brokers.size(); i++) {
			String broker = brokers.get(i);
			if (broker != null && !broker.isBlank() && address(broker) == null) {
				String entry = path + "[" + i + "]";
				problems.problem(entry, "'" + broker.strip() + "' is not a broker address.", "Set " + entry + " to "
						+ FORM + " (without a port, Kafka's default port " + DEFAULT_PORT + " is used).");
			}
		}
	}

	/**
	 * Return the brokers with Kafka's default port added where none is given, logging
	 * each broker that gets it.
	 * @param path the full path of the brokers
	 * @param brokers the brokers, valid
	 * @return the brokers as host:port
	 */
	static List<String> withDefaultPort(String path, List<String> brokers) {
		List<String> addresses = new ArrayList<>(brokers.size());
		for (int i = 0; i < brokers.size(); i++) {
			String broker = brokers.get(i).strip();
			String address = address(broker);
			if (address != null && !address.equals(broker)) {
				logger.info("Kafka events broker " + path + "[" + i + "] '" + broker + "' has no port: using Kafka's "
						+ "default port " + DEFAULT_PORT + " (" + address + ")");
			}
			addresses.add((address != null) ? address : broker);
		}
		return addresses;
	}

	/**
	 * Return the brokers with Kafka's default port added where none is given, without
	 * logging.
	 * @param brokers the brokers
	 * @return the brokers as host:port where they are addresses
	 */
	static List<String> normalize(List<String> brokers) {
		return brokers.stream().map((broker) -> {
			String address = (broker != null) ? address(broker.strip()) : null;
			return (address != null) ? address : broker;
		}).toList();
	}

	/**
	 * Return whether the given broker is an address with a port.
	 * @param broker the broker
	 * @return whether it is host:port
	 */
	static boolean isHostAndPort(String broker) {
		return broker.strip().equals(address(broker));
	}

	private static @Nullable String address(String broker) {
		Matcher matcher = ADDRESS.matcher(broker.strip());
		if (!matcher.matches()) {
			return null;
		}
		String port = matcher.group(2);
		if (port == null) {
			return broker.strip() + ":" + DEFAULT_PORT;
		}
		return isPort(port) ? broker.strip() : null;
	}

	private static boolean isPort(String port) {
		return port.length() <= 5 && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
	}

}
