package dev.kafkaevents.autoconfigure.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Presents the {@code events.modules.kafka} keys of a property source in the form
 * Spring's binder understands: Backstage durations become ISO-8601 text,
 * {@code ssl: true} becomes {@code ssl.enabled: true}, an empty object such as
 * {@code retry: {}} is dropped, and the legacy single consumer block becomes instance
 * {@code default}. Other keys pass through unchanged.
 *
 * @author kafka-events
 */
final class BackstageCompatiblePropertySource extends EnumerablePropertySource<EnumerablePropertySource<?>>
		implements OriginLookup<String> {

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("events.modules.kafka");

	static final ConfigurationPropertyName CONSUMING = ROOT.append("kafka-consuming-event-publisher");

	static final ConfigurationPropertyName PUBLISHING = ROOT.append("kafka-publishing-event-consumer");

	private static final Set<String> DURATION_KEYS = durationKeys(KafkaEventsProperties.class, new HashSet<>());

	private static final Set<String> OBJECT_KEYS = Set.of("ssl", "sasl", "retry", "kafka", "headers");

	private final Map<String, Object> values = new LinkedHashMap<>();

	private final Map<String, String> originalNames = new LinkedHashMap<>();

	private final String[] names;

	private BackstageCompatiblePropertySource(EnumerablePropertySource<?> source, boolean legacyConsuming) {
		super(source.getName(), source);
		Map<String, Map<String, String>> durationObjects = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (String name : source.getPropertyNames()) {
			ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
			if (ROOT.isAncestorOf(adapted)) {
				translate(name, target(adapted, legacyConsuming), source.getProperty(name), durationObjects);
			}
			else {
				names.add(name);
			}
		}
		durationObjects.forEach(this::addDurationObject);
		names.addAll(this.values.keySet());
		this.names = names.toArray(String[]::new);
	}

	/**
	 * Return whether the given source holds any {@code events.modules.kafka} key.
	 * @param source the source
	 * @return whether the source configures the Kafka bridges
	 */
	static boolean configuresKafkaEvents(EnumerablePropertySource<?> source) {
		for (String name : source.getPropertyNames()) {
			if (ROOT.isAncestorOf(ConfigurationPropertyName.adapt(name, '.'))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether the given source has the given key, in any spelling.
	 * @param source the source
	 * @param key the key
	 * @return whether the key is present
	 */
	static boolean hasKey(EnumerablePropertySource<?> source, ConfigurationPropertyName key) {
		for (String name : source.getPropertyNames()) {
			if (key.equals(ConfigurationPropertyName.adapt(name, '.'))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Adapt the given source.
	 * @param source the source
	 * @param legacyConsuming whether the consuming block is in Backstage's legacy single
	 * form
	 * @return the adapted source
	 */
	static BackstageCompatiblePropertySource adapt(EnumerablePropertySource<?> source, boolean legacyConsuming) {
		return new BackstageCompatiblePropertySource(source, legacyConsuming);
	}

	/**
	 * Return the uniform names of the {@link Duration} properties of the given properties
	 * type and of the properties types it holds, directly or in lists and maps.
	 * @param type the properties type
	 * @param visited the types already visited
	 * @return the names, such as {@code sessiontimeout}
	 */
	static Set<String> durationKeys(Class<?> type, Set<Class<?>> visited) {
		Set<String> keys = new TreeSet<>();
		if (!visited.add(type)) {
			return keys;
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				if (field.getType() == Duration.class) {
					keys.add(ConfigurationPropertyName.adapt(field.getName(), '.').getLastElement(Form.UNIFORM));
				}
				for (Class<?> held : propertiesTypes(ResolvableType.forField(field))) {
					keys.addAll(durationKeys(held, visited));
				}
			}
		}
		return Collections.unmodifiableSet(keys);
	}

	private static Class<?>[] propertiesTypes(ResolvableType type) {
		List<Class<?>> types = new ArrayList<>();
		types.add(type.toClass());
		for (ResolvableType generic : type.getGenerics()) {
			types.add(generic.toClass());
		}
		return types.stream()
			.filter((candidate) -> candidate.getEnclosingClass() == KafkaEventsProperties.class)
			.toArray(Class<?>[]::new);
	}

	private static ConfigurationPropertyName target(ConfigurationPropertyName name, boolean legacyConsuming) {
		if (legacyConsuming && CONSUMING.isAncestorOf(name)) {
			return CONSUMING.append("default").append(name.subName(CONSUMING.getNumberOfElements()));
		}
		return name;
	}

	private void translate(String originalName, ConfigurationPropertyName target, @Nullable Object value,
			Map<String, Map<String, String>> durationObjects) {
		if (isRawClientProperty(target)) {
			put(target, originalName, value);
			return;
		}
		String last = target.getLastElement(Form.UNIFORM);
		String parent = (target.getNumberOfElements() > 1) ? target.getParent().getLastElement(Form.UNIFORM) : "";
		if (OBJECT_KEYS.contains(last) && "".equals(value)) {
			return;
		}
		if (DURATION_KEYS.contains(last)) {
			put(target, originalName, duration(originalName, value));
		}
		else if (DURATION_KEYS.contains(parent) && !target.isLastElementIndexed()) {
			String parentName = originalForm(target.getParent());
			this.originalNames.putIfAbsent(parentName, originalName);
			durationObjects.computeIfAbsent(parentName, (key) -> new LinkedHashMap<>())
				.put(last, String.valueOf(value));
		}
		else if ("ssl".equals(last) && isBoolean(value)) {
			put(target.append("enabled"), originalName, value);
		}
		else {
			put(target, originalName, value);
		}
	}

	private void addDurationObject(String name, Map<String, String> units) {
		try {
			this.values.put(name, BackstageDurations.ofUnits(units).toString());
		}
		catch (IllegalArgumentException ex) {
			ConfigurationPropertyName unit = ConfigurationPropertyName.adapt(this.originalNames.get(name), '.');
			throw invalidDuration(originalForm(unit.getParent()), units.toString(), ex);
		}
	}

	private static boolean isRawClientProperty(ConfigurationPropertyName name) {
		for (int i = ROOT.getNumberOfElements(); i < name.getNumberOfElements() - 1; i++) {
			if ("properties".equals(name.getElement(i, Form.UNIFORM))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBoolean(@Nullable Object value) {
		return value instanceof Boolean || "true".equalsIgnoreCase(String.valueOf(value))
				|| "false".equalsIgnoreCase(String.valueOf(value));
	}

	private static @Nullable Object duration(String originalName, @Nullable Object value) {
		if (value == null || value instanceof Duration) {
			return value;
		}
		try {
			return BackstageDurations.parse(value.toString()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw invalidDuration(originalName, value.toString(), ex);
		}
	}

	private static InvalidKafkaEventsConfigurationException invalidDuration(String property, String value,
			IllegalArgumentException ex) {
		return new InvalidKafkaEventsConfigurationException(
				List.of(new Problem(property, "Invalid duration '" + value + "': " + ex.getMessage() + ".",
						"Set " + property + " to " + BackstageDurations.ACCEPTED_FORMS + ".")));
	}

	private void put(ConfigurationPropertyName target, String originalName, @Nullable Object value) {
		String name = originalForm(target);
		this.values.put(name, value);
		this.originalNames.put(name, originalName);
	}

	private static String originalForm(ConfigurationPropertyName name) {
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, Form.ORIGINAL);
			if (name.isNumericIndex(i) || element.indexOf('.') >= 0) {
				result.append('[').append(element).append(']');
			}
			else {
				result.append((i > 0) ? "." : "").append(element);
			}
		}
		return result.toString();
	}

	@Override
	public String[] getPropertyNames() {
		return this.names.clone();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (this.values.containsKey(name)) {
			return this.values.get(name);
		}
		if (ROOT.isAncestorOf(ConfigurationPropertyName.adapt(name, '.'))) {
			return null;
		}
		return this.source.getProperty(name);
	}

	@Override
	public @Nullable Origin getOrigin(String name) {
		String originalName = this.originalNames.getOrDefault(name, name);
		return OriginLookup.getOrigin(this.source, originalName);
	}

}
