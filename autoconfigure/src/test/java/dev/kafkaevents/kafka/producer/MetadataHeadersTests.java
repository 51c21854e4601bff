package dev.kafkaevents.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.kafka.HeaderForwarding;
import dev.kafkaevents.kafka.KafkaEventOrigin;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MetadataHeaders}: Backstage's {@code convertMetadataToHeaders} cases
 * (backstage-module.md §6.8, 12 to 18) and the policy details of §4.3.
 *
 * @author kafka-events
 */
class MetadataHeadersTests {

	private static final HeaderForwarding FORWARD = new HeaderForwarding(true, List.of(),
			HeaderForwarding.DEFAULT_BLACKLIST);

	@Test
	void emptyMetadataGivesNoHeaders() {
		assertThat(new MetadataHeaders(FORWARD).headers(EventMetadata.empty())).isNull();
	}

	@Test
	void defaultOptionsDropAuthorizationWhateverItsCase() {
		EventMetadata metadata = metadata("Authorization", "Bearer abc", "trace-id", "id-123", "type", "UserCreated");
		assertThat(pairs(new MetadataHeaders(FORWARD).headers(metadata))).containsExactly(tuple("trace-id", "id-123"),
				tuple("type", "UserCreated"));
	}

	@Test
	void whitelistKeepsOnlyListedNamesIgnoringCase() {
		HeaderForwarding forwarding = new HeaderForwarding(true, List.of("Trace-ID"), List.of("trace-id"));
		EventMetadata metadata = metadata("trace-id", "id-123", "type", "UserCreated");
		assertThat(pairs(new MetadataHeaders(forwarding).headers(metadata)))
			.containsExactly(tuple("trace-id", "id-123"));
	}

	@Test
	void configuredBlacklistReplacesTheDefaultOne() {
		HeaderForwarding forwarding = new HeaderForwarding(true, List.of(), List.of("FOO"));
		EventMetadata metadata = metadata("trace-id", "id-123", "type", "UserCreated", "foo", "bar", "authorization",
				"secret");
		assertThat(pairs(new MetadataHeaders(forwarding).headers(metadata))).containsExactly(
				tuple("trace-id", "id-123"), tuple("type", "UserCreated"), tuple("authorization", "secret"));
	}

	@Test
	void severalValuesBecomeRepeatedHeadersInOrder() {
		EventMetadata metadata = EventMetadata.of(Map.of("tags", List.of("a", "b")));
		assertThat(pairs(new MetadataHeaders(FORWARD).headers(metadata))).containsExactly(tuple("tags", "a"),
				tuple("tags", "b"));
	}

	@Test
	void nullValueBecomesAHeaderWithoutValue() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("optional", null);
		values.put("present", "yes");
		assertThat(pairs(new MetadataHeaders(FORWARD).headers(EventMetadata.of(values))))
			.containsExactly(tuple("optional", null), tuple("present", "yes"));
	}

	@Test
	void nullAmongSeveralValuesIsDropped() {
		EventMetadata metadata = EventMetadata.of(Map.of("arr", Arrays.asList("a", null, "b")));
		assertThat(pairs(new MetadataHeaders(FORWARD).headers(metadata))).containsExactly(tuple("arr", "a"),
				tuple("arr", "b"));
	}

	@Test
	void severalValuesThatAreAllNullBecomeOneHeaderWithoutValue() {
		EventMetadata metadata = EventMetadata.of(Map.of("arr", Arrays.asList(null, null)));
		assertThat(pairs(new MetadataHeaders(FORWARD).headers(metadata))).containsExactly(tuple("arr", null));
	}

	@Test
	void forwardingOffGivesNoHeaders() {
		EventMetadata metadata = metadata("trace-id", "id-123");
		assertThat(new MetadataHeaders(HeaderForwarding.NONE).headers(metadata)).isNull();
	}

	@Test
	void noSurvivingNameGivesNoHeaders() {
		EventMetadata metadata = metadata("Authorization", "Bearer abc");
		assertThat(new MetadataHeaders(FORWARD).headers(metadata)).isNull();
	}

	@Test
	void originIsNeverForwardedEvenWhenWhitelisted() {
		HeaderForwarding forwarding = new HeaderForwarding(true, List.of(KafkaEventOrigin.METADATA_NAME, "trace-id"),
				List.of());
		EventMetadata metadata = metadata(KafkaEventOrigin.METADATA_NAME, "localhost:9092|orders", "trace-id", "1");
		assertThat(pairs(new MetadataHeaders(forwarding).headers(metadata))).containsExactly(tuple("trace-id", "1"));
		assertThat(new MetadataHeaders(new HeaderForwarding(true, List.of(), List.of()))
			.headers(metadata(KafkaEventOrigin.METADATA_NAME.toUpperCase(), "x"))).isNull();
	}

	private static EventMetadata metadata(String... namesAndValues) {
		EventMetadata.Builder builder = EventMetadata.builder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			builder.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return builder.build();
	}

	private static List<org.assertj.core.groups.Tuple> pairs(List<Header> headers) {
		assertThat(headers).isNotNull();
		return headers.stream()
			.map((header) -> tuple(header.key(),
					(header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null))
			.toList();
	}

}
