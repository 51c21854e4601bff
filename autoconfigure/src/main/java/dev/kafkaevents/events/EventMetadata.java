package dev.kafkaevents.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ObjectUtils;

/**
 * Immutable, ordered and multi-valued string metadata of an event, with case-sensitive
 * names like Kafka headers.
 */
public final class EventMetadata {

	private static final EventMetadata EMPTY = new EventMetadata(Collections.emptyMap());

	private final Map<String, List<@Nullable String>> values;

	private EventMetadata(Map<String, List<@Nullable String>> values) {
		this.values = values;
	}

	/**
	 * Return metadata without any name.
	 * @return the empty metadata
	 */
	public static EventMetadata empty() {
		return EMPTY;
	}

	/**
	 * Return metadata holding the given values, in the map's iteration order, where a
	 * value is a {@code String}, {@code null}, or a {@code Collection} or array of them
	 * (several values; an empty one adds none).
	 * @param values the values keyed by name
	 * @return the metadata
	 * @throws IllegalArgumentException if a value has another type
	 */
	public static EventMetadata of(Map<String, ? extends @Nullable Object> values) {
		Assert.notNull(values, "'values' must not be null");
		Builder builder = builder();
		values.forEach(builder::addValue);
		return builder.build();
	}

	/**
	 * Return a builder for new metadata.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the first value of the given name.
	 * @param name the name
	 * @return the first value, or {@code null} if the name is absent or its first value
	 * is {@code null}
	 */
	public @Nullable String get(String name) {
		List<@Nullable String> values = this.values.get(name);
		return (values != null) ? values.get(0) : null;
	}

	/**
	 * Return all values of the given name, in the order they were added.
	 * @param name the name
	 * @return the unmodifiable values, empty if the name is absent
	 */
	public List<@Nullable String> getAll(String name) {
		return this.values.getOrDefault(name, Collections.emptyList());
	}

	/**
	 * Return whether the given name has at least one value.
	 * @param name the name
	 * @return whether the name is present
	 */
	public boolean contains(String name) {
		return this.values.containsKey(name);
	}

	/**
	 * Return the names, in the order they were first added.
	 * @return the unmodifiable names
	 */
	public Set<String> names() {
		return this.values.keySet();
	}

	/**
	 * Return whether this metadata has no name.
	 * @return whether it is empty
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Return the metadata as an unmodifiable map of unmodifiable value lists.
	 * @return the map view
	 */
	public Map<String, List<@Nullable String>> asMap() {
		return this.values;
	}

	/**
	 * Return a copy in which the given name has the given single value, keeping the
	 * name's position when it was present.
	 * @param name the name
	 * @param value the value, possibly {@code null}
	 * @return the new metadata
	 */
	public EventMetadata with(String name, @Nullable String value) {
		Assert.notNull(name, "'name' must not be null");
		Map<String, List<@Nullable String>> values = new LinkedHashMap<>(this.values);
		values.put(name, Collections.singletonList(value));
		return new EventMetadata(Collections.unmodifiableMap(values));
	}

	/**
	 * Return a copy without the given name.
	 * @param name the name
	 * @return the new metadata, or this one if the name is absent
	 */
	public EventMetadata without(String name) {
		if (!this.values.containsKey(name)) {
			return this;
		}
		Map<String, List<@Nullable String>> values = new LinkedHashMap<>(this.values);
		values.remove(name);
		return (values.isEmpty()) ? EMPTY : new EventMetadata(Collections.unmodifiableMap(values));
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		return (obj instanceof EventMetadata other) && this.values.equals(other.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

	/**
	 * Builder for {@link EventMetadata}.
	 */
	public static final class Builder {

		private Map<String, List<@Nullable String>> values = new LinkedHashMap<>();

		private boolean shared;

		private Builder() {
		}

		/**
		 * Add a value to the given name, after the values it already has.
		 * @param name the name
		 * @param value the value, possibly {@code null}
		 * @return this builder
		 */
		public Builder add(String name, @Nullable String value) {
			Assert.notNull(name, "'name' must not be null");
			if (this.shared) {
				this.values = new LinkedHashMap<>(this.values);
				this.shared = false;
			}
			List<@Nullable String> existing = this.values.get(name);
			if (existing == null) {
				this.values.put(name, Collections.singletonList(value));
			}
			else {
				List<@Nullable String> values = new ArrayList<>(existing.size() + 1);
				values.addAll(existing);
				values.add(value);
				this.values.put(name, Collections.unmodifiableList(values));
			}
			return this;
		}

		/**
		 * Add values to the given name, after the values it already has.
		 * @param name the name
		 * @param values the values, possibly containing {@code null}
		 * @return this builder
		 */
		public Builder addAll(String name, Collection<? extends @Nullable String> values) {
			Assert.notNull(values, "'values' must not be null");
			values.forEach((value) -> add(name, value));
			return this;
		}

		/**
		 * Add all values of the given metadata.
		 * @param metadata the metadata to add
		 * @return this builder
		 */
		public Builder addAll(EventMetadata metadata) {
			Assert.notNull(metadata, "'metadata' must not be null");
			metadata.values.forEach(this::addAll);
			return this;
		}

		/**
		 * Build the metadata. Its values are immutable, so it shares them with this
		 * builder until the builder changes.
		 * @return the immutable metadata
		 */
		public EventMetadata build() {
			if (this.values.isEmpty()) {
				return EMPTY;
			}
			this.shared = true;
			return new EventMetadata(Collections.unmodifiableMap(this.values));
		}

		private void addValue(String name, @Nullable Object value) {
			if (value == null || value instanceof String) {
				add(name, (String) value);
			}
			else if (value instanceof Collection<?> collection) {
				collection.forEach((element) -> addElement(name, element));
			}
			else if (value instanceof Object[] array) {
				for (Object element : array) {
					addElement(name, element);
				}
			}
			else {
				throw invalidValue(name, value);
			}
		}

		private void addElement(String name, @Nullable Object element) {
			if (element != null && !(element instanceof String)) {
				throw invalidValue(name, element);
			}
			add(name, (String) element);
		}

		private static IllegalArgumentException invalidValue(String name, Object value) {
			return new IllegalArgumentException("Metadata value of '" + name
					+ "' must be a String, null, or a Collection or array of them, but was "
					+ ObjectUtils.nullSafeClassName(value));
		}

	}

}
