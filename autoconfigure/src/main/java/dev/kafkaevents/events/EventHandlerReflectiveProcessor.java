package dev.kafkaevents.events;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Registers what an {@link EventHandler} method needs at runtime in a native image: its
 * invocation, and the binding of the payload type that events are converted to.
 *
 * @author kafka-events
 */
class EventHandlerReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		Type[] parameterTypes = method.getGenericParameterTypes();
		if (parameterTypes.length > 0 && !isEventType(method.getParameterTypes()[0])) {
			this.bindingRegistrar.registerReflectionHints(hints, parameterTypes[0]);
		}
	}

	private static boolean isEventType(Class<?> type) {
		return type == EventParams.class || type == EventMetadata.class;
	}

}
