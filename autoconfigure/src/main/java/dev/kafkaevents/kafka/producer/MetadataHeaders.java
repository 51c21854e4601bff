package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Turns event metadata into Kafka headers following a {@link HeaderForwarding} policy, as
 * Backstage's header forwarding does.
 * <p>
 * Nothing is forwarded unless {@code forward} is set. A name is kept when it is in the
 * whitelist, or, with an empty whitelist, when it is not in the blacklist; both compare
 * names ignoring case and the original spelling is sent. A single {@code null} value
 * becomes a header without value; of several values the {@code null} ones are dropped,
 * the others become repeated headers, and if none is left a header without value is sent.
 * {@link KafkaEventOrigin#METADATA_NAME} is never forwarded. When no header is left, the
 * result is {@code null}.
 *
 * @author kafka-events
 */
public final class MetadataHeaders {

	private final boolean forward;

	private final Set<String> whitelist;

	private final Set<String> blacklist;

	/**
	 * Create the headers policy of a forwarding configuration.
	 * @param forwarding which metadata is forwarded
	 */
	public MetadataHeaders(HeaderForwarding forwarding) {
		Assert.notNull(forwarding, "'forwarding' must not be null");
		this.forward = forwarding.forward();
		this.whitelist = lowerCase(forwarding.whitelist());
		this.blacklist = lowerCase(forwarding.blacklist());
	}

	private static Set<String> lowerCase(List<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Return the headers to send for the given metadata.
	 * @param metadata the event metadata
	 * @return the headers, or {@code null} when none is forwarded
	 */
	public @Nullable List<Header> headers(EventMetadata metadata) {
		if (!this.forward || metadata.isEmpty()) {
			return null;
		}
		List<Header> headers = new ArrayList<>(metadata.names().size());
		for (String name : metadata.names()) {
			if (isForwarded(name)) {
				addHeaders(headers, name, metadata.getAll(name));
			}
		}
		return (!headers.isEmpty()) ? headers : null;
	}

	private boolean isForwarded(String name) {
		if (KafkaEventOrigin.isOriginName(name)) {
			return false;
		}
		String key = name.toLowerCase(Locale.ROOT);
		return (!this.whitelist.isEmpty()) ? this.whitelist.contains(key) : !this.blacklist.contains(key);
	}

	private static void addHeaders(List<Header> headers, String name, List<@Nullable String> values) {
		if (values.size() == 1) {
			headers.add(header(name, values.get(0)));
			return;
		}
		int before = headers.size();
		for (String value : values) {
			if (value != null) {
				headers.add(header(name, value));
			}
		}
		if (headers.size() == before) {
			headers.add(header(name, null));
		}
	}

	private static Header header(String name, @Nullable String value) {
		return new RecordHeader(name, (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

}
