package dev.kafkaevents.kafka.producer;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A readable property of a payload type, found once: a record component or a JavaBean
 * getter.
 *
 * @author kafka-events
 */
final class PayloadProperty {

	private final Class<?> type;

	private final Method accessor;

	private PayloadProperty(Class<?> type, Method accessor) {
		this.type = type;
		this.accessor = accessor;
		ReflectionUtils.makeAccessible(accessor);
	}

	/**
	 * Find a property of a type.
	 * @param type the payload type, or {@code null}
	 * @param name the property name
	 * @return the property, or {@code null} when the type has no readable property of
	 * that name
	 */
	static @Nullable PayloadProperty find(@Nullable Class<?> type, String name) {
		if (type == null) {
			return null;
		}
		Method accessor = recordAccessor(type, name);
		if (accessor == null) {
			PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(type, name);
			accessor = (descriptor != null) ? descriptor.getReadMethod() : null;
		}
		return (accessor != null) ? new PayloadProperty(type, accessor) : null;
	}

	private static @Nullable Method recordAccessor(Class<?> type, String name) {
		RecordComponent[] components = type.getRecordComponents();
		if (components != null) {
			for (RecordComponent component : components) {
				if (component.getName().equals(name)) {
					return component.getAccessor();
				}
			}
		}
		return null;
	}

	/**
	 * Return whether a payload is of the property's type.
	 * @param payload the payload
	 * @return whether the property can be read from it
	 */
	boolean isReadableFrom(@Nullable Object payload) {
		return this.type.isInstance(payload);
	}

	/**
	 * Read the property.
	 * @param payload a payload of the property's type
	 * @return the value
	 */
	@Nullable Object read(Object payload) {
		return ReflectionUtils.invokeMethod(this.accessor, payload);
	}

}
