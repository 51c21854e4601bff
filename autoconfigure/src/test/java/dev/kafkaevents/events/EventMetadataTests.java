package dev.kafkaevents.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EventMetadata}.
 */
class EventMetadataTests {

	@Test
	void emptyShouldHaveNoNames() {
		EventMetadata metadata = EventMetadata.empty();
		assertThat(metadata.isEmpty()).isTrue();
		assertThat(metadata.names()).isEmpty();
		assertThat(metadata.get("a")).isNull();
		assertThat(metadata.getAll("a")).isEmpty();
		assertThat(metadata.asMap()).isEmpty();
	}

	@Test
	void buildWithoutValuesShouldReturnEmpty() {
		assertThat(EventMetadata.builder().build()).isSameAs(EventMetadata.empty());
	}

	@Test
	void builderShouldKeepSeveralValuesOfOneNameInOrder() {
		EventMetadata metadata = EventMetadata.builder().add("tag", "a").add("other", "x").add("tag", "b").build();
		assertThat(metadata.get("tag")).isEqualTo("a");
		assertThat(metadata.getAll("tag")).containsExactly("a", "b");
		assertThat(metadata.getAll("other")).containsExactly("x");
		assertThat(metadata.names()).containsExactly("tag", "other");
	}

	@Test
	void builderAddAllShouldAppendValues() {
		EventMetadata source = EventMetadata.builder().add("a", "1").add("b", "2").build();
		EventMetadata metadata = EventMetadata.builder()
			.add("a", "0")
			.addAll(source)
			.addAll("c", List.of("3", "4"))
			.build();
		assertThat(metadata.asMap()).containsExactly(Map.entry("a", List.of("0", "1")), Map.entry("b", List.of("2")),
				Map.entry("c", List.of("3", "4")));
	}

	@Test
	void namesShouldBeCaseSensitive() {
		EventMetadata metadata = EventMetadata.builder().add("Trace-Id", "1").add("trace-id", "2").build();
		assertThat(metadata.get("Trace-Id")).isEqualTo("1");
		assertThat(metadata.get("trace-id")).isEqualTo("2");
		assertThat(metadata.get("TRACE-ID")).isNull();
		assertThat(metadata.names()).containsExactly("Trace-Id", "trace-id");
	}

	@Test
	void ofWithStringValuesShouldKeepMapOrder() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("b", "2");
		values.put("a", "1");
		EventMetadata metadata = EventMetadata.of(values);
		assertThat(metadata.names()).containsExactly("b", "a");
		assertThat(metadata.get("a")).isEqualTo("1");
		assertThat(metadata.getAll("b")).containsExactly("2");
	}

	@Test
	void ofWithCollectionValueShouldAddSeveralValues() {
		EventMetadata metadata = EventMetadata.of(Map.of("tags", List.of("a", "b")));
		assertThat(metadata.get("tags")).isEqualTo("a");
		assertThat(metadata.getAll("tags")).containsExactly("a", "b");
	}

	@Test
	void ofWithArrayValueShouldAddSeveralValues() {
		EventMetadata metadata = EventMetadata.of(Map.of("tags", new String[] { "a", "b" }));
		assertThat(metadata.getAll("tags")).containsExactly("a", "b");
	}

	@Test
	void ofWithNullValueShouldAddNullValue() {
		Map<String, Object> values = new HashMap<>();
		values.put("optional", null);
		EventMetadata metadata = EventMetadata.of(values);
		assertThat(metadata.contains("optional")).isTrue();
		assertThat(metadata.get("optional")).isNull();
		assertThat(metadata.getAll("optional")).containsExactly((String) null);
	}

	@Test
	void ofWithNullElementsShouldKeepThem() {
		EventMetadata metadata = EventMetadata
			.of(Map.of("list", Arrays.asList("a", null, "b"), "array", new String[] { null, "c" }));
		assertThat(metadata.getAll("list")).containsExactly("a", null, "b");
		assertThat(metadata.getAll("array")).containsExactly(null, "c");
		assertThat(metadata.get("array")).isNull();
	}

	@Test
	void ofWithEmptyCollectionShouldAddNoName() {
		EventMetadata metadata = EventMetadata.of(Map.of("empty", List.of(), "a", "1"));
		assertThat(metadata.contains("empty")).isFalse();
		assertThat(metadata.names()).containsExactly("a");
	}

	@Test
	void ofWithUnsupportedValueShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventMetadata.of(Map.of("count", 42)))
			.withMessage("Metadata value of 'count' must be a String, null, or a Collection or array of them, "
					+ "but was java.lang.Integer");
		assertThatIllegalArgumentException().isThrownBy(() -> EventMetadata.of(Map.of("bytes", List.of(new byte[0]))))
			.withMessageContaining("'bytes'");
	}

	@Test
	void withShouldReplaceAllValuesKeepingThePosition() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").add("b", "2").add("a", "3").build();
		EventMetadata changed = metadata.with("a", "4");
		assertThat(changed.getAll("a")).containsExactly("4");
		assertThat(changed.names()).containsExactly("a", "b");
	}

	@Test
	void withShouldAddMissingNameLast() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").build().with("b", null);
		assertThat(metadata.names()).containsExactly("a", "b");
		assertThat(metadata.getAll("b")).containsExactly((String) null);
	}

	@Test
	void withShouldNotChangeTheOriginal() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").build();
		metadata.with("a", "2");
		metadata.with("b", "3");
		assertThat(metadata.asMap()).containsExactly(Map.entry("a", List.of("1")));
	}

	@Test
	void withoutShouldRemoveTheName() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").add("b", "2").build();
		assertThat(metadata.without("a").names()).containsExactly("b");
		assertThat(metadata.without("a").without("b")).isSameAs(EventMetadata.empty());
		assertThat(metadata.without("c")).isSameAs(metadata);
		assertThat(metadata.names()).containsExactly("a", "b");
	}

	@Test
	void asMapAndValuesShouldBeUnmodifiable() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").add("b", "2").add("b", "3").build();
		assertThat(metadata.asMap()).isUnmodifiable();
		assertThat(metadata.getAll("a")).isUnmodifiable();
		assertThat(metadata.getAll("b")).isUnmodifiable();
		assertThat(metadata.names()).isUnmodifiable();
	}

	@Test
	void changingTheBuilderOrSourceAfterwardsShouldNotChangeTheMetadata() {
		List<String> tags = new ArrayList<>(List.of("a"));
		Map<String, Object> values = new HashMap<>(Map.of("tags", tags));
		EventMetadata fromMap = EventMetadata.of(values);
		tags.add("b");
		values.put("other", "x");
		EventMetadata.Builder builder = EventMetadata.builder().add("a", "1").add("a", "2");
		EventMetadata built = builder.build();
		builder.add("a", "3").add("b", "4");
		assertThat(fromMap.asMap()).containsExactly(Map.entry("tags", List.of("a")));
		assertThat(built.asMap()).containsExactly(Map.entry("a", List.of("1", "2")));
	}

	@Test
	void equalsAndHashCodeShouldUseNamesAndValues() {
		EventMetadata one = EventMetadata.builder().add("a", "1").add("a", "2").build();
		EventMetadata two = EventMetadata.of(Map.of("a", List.of("1", "2")));
		EventMetadata other = EventMetadata.of(Map.of("a", List.of("2", "1")));
		assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(other);
		assertThat(EventMetadata.builder().build()).isEqualTo(EventMetadata.empty());
	}

	@Test
	void toStringShouldShowNamesAndValues() {
		EventMetadata metadata = EventMetadata.builder().add("a", "1").add("a", "2").add("b", null).build();
		assertThat(metadata).hasToString("{a=[1, 2], b=[null]}");
	}

}
