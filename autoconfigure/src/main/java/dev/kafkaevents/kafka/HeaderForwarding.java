package dev.kafkaevents.kafka;

import java.util.List;

/**
 * Which event metadata a publishing mapping sends as Kafka headers, as Backstage's
 * {@code headers} block: nothing unless {@code forward}; then the whitelist when it is
 * not empty, otherwise every name not in the blacklist (case-insensitive).
 *
 * @param forward whether metadata is forwarded at all
 * @param whitelist names to forward; empty means no whitelist
 * @param blacklist names never forwarded
 * @author kafka-events
 */
public record HeaderForwarding(boolean forward, List<String> whitelist, List<String> blacklist) {

	/**
	 * Blacklist used when none is configured.
	 */
	public static final List<String> DEFAULT_BLACKLIST = List.of("authorization");

	/**
	 * Forwarding switched off.
	 */
	public static final HeaderForwarding NONE = new HeaderForwarding(false, List.of(), DEFAULT_BLACKLIST);

	/**
	 * Create a new header policy.
	 * @param forward whether metadata is forwarded at all
	 * @param whitelist names to forward; empty means no whitelist
	 * @param blacklist names never forwarded
	 */
	public HeaderForwarding {
		whitelist = List.copyOf(whitelist);
		blacklist = List.copyOf(blacklist);
	}

}
