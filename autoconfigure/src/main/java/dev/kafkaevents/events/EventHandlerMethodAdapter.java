package dev.kafkaevents.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EventSubscriber} that invokes an {@link EventHandler} method.
 */
final class EventHandlerMethodAdapter implements EventSubscriber {

	private final String beanName;

	private final Method method;

	private final Method methodToInvoke;

	private final Supplier<Object> bean;

	private final @Nullable PayloadConverter payloadConverter;

	private final boolean withMetadata;

	private final boolean returnsStage;

	private EventHandlerMethodAdapter(String beanName, Method method, Method methodToInvoke, Supplier<Object> bean,
			@Nullable PayloadConverter payloadConverter) {
		this.beanName = beanName;
		this.method = method;
		this.methodToInvoke = methodToInvoke;
		this.bean = bean;
		this.payloadConverter = payloadConverter;
		this.withMetadata = method.getParameterCount() == 2;
		this.returnsStage = CompletionStage.class.isAssignableFrom(method.getReturnType());
	}

	/**
	 * Create an adapter for the given method, checking its signature.
	 * @param beanName the name of the bean declaring the method
	 * @param targetClass the class of the bean, used to resolve generic parameter types
	 * @param method the annotated method, as declared on the target class
	 * @param methodToInvoke the method to invoke on the bean (which may be a proxy)
	 * @param bean the bean, resolved on first use
	 * @param jsonMapper the mapper that converts payloads, resolved on first use
	 * @return the adapter
	 * @throws IllegalStateException if the method's signature is not supported
	 */
	static EventHandlerMethodAdapter create(String beanName, Class<?> targetClass, Method method, Method methodToInvoke,
			Supplier<Object> bean, Supplier<JsonMapper> jsonMapper) {
		checkReturnType(beanName, method);
		ReflectionUtils.makeAccessible(methodToInvoke);
		PayloadConverter payloadConverter = (takesEventParams(beanName, method)) ? null : new PayloadConverter(
				GenericTypeResolver.resolveType(method.getGenericParameterTypes()[0], targetClass), jsonMapper);
		return new EventHandlerMethodAdapter(beanName, method, methodToInvoke, bean, payloadConverter);
	}

	private static void checkReturnType(String beanName, Method method) {
		Class<?> returnType = method.getReturnType();
		if (returnType != void.class && returnType != Void.class
				&& !CompletionStage.class.isAssignableFrom(returnType)) {
			throw new IllegalStateException(describe(beanName, method)
					+ " must return void or a CompletionStage, but returns " + returnType.getName());
		}
	}

	private static boolean takesEventParams(String beanName, Method method) {
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 1 && types[0] == EventParams.class) {
			return true;
		}
		if ((types.length == 1 || (types.length == 2 && types[1] == EventMetadata.class))
				&& types[0] != EventParams.class && types[0] != EventMetadata.class) {
			return false;
		}
		throw new IllegalStateException(describe(beanName, method)
				+ " must take (EventParams), (T payload) or (T payload, EventMetadata) parameters, but takes ("
				+ Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")");
	}

	static String describe(String beanName, Method method) {
		return "@EventHandler method '" + method.getName() + "' on bean '" + beanName + "' ("
				+ ClassUtils.getQualifiedMethodName(method) + ")";
	}

	@Override
	public CompletionStage<?> onEvent(EventParams event) throws Exception {
		Object result = invoke(arguments(event));
		return (this.returnsStage && result != null) ? (CompletionStage<?>) result : EventStages.COMPLETED;
	}

	private @Nullable Object[] arguments(EventParams event) {
		if (this.payloadConverter == null) {
			return new Object[] { event };
		}
		Object payload = this.payloadConverter.convert(event, this);
		return (this.withMetadata) ? new @Nullable Object[] { payload, event.metadata() }
				: new @Nullable Object[] { payload };
	}

	private @Nullable Object invoke(@Nullable Object[] arguments) throws Exception {
		try {
			return this.methodToInvoke.invoke(this.bean.get(), arguments);
		}
		catch (InvocationTargetException ex) {
			throw unwrap(ex);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Could not invoke " + this, ex);
		}
	}

	private static Exception unwrap(InvocationTargetException ex) {
		Throwable target = ex.getTargetException();
		if (target instanceof Error error) {
			throw error;
		}
		return (target instanceof Exception exception) ? exception : ex;
	}

	@Override
	public String toString() {
		return describe(this.beanName, this.method);
	}

	/**
	 * Converts the payload of an event to the declared parameter type of the method.
	 */
	private static final class PayloadConverter {

		private final Type type;

		private final Class<?> rawType;

		private final boolean usableAsIs;

		private final Supplier<JsonMapper> jsonMapper;

		private final Supplier<JavaType> javaType;

		PayloadConverter(Type type, Supplier<JsonMapper> jsonMapper) {
			this.type = type;
			this.rawType = ClassUtils.resolvePrimitiveIfNecessary(ResolvableType.forType(type).toClass());
			this.usableAsIs = type instanceof Class;
			this.jsonMapper = jsonMapper;
			this.javaType = SingletonSupplier.of(() -> jsonMapper.get().getTypeFactory().constructType(type));
		}

		@Nullable Object convert(EventParams event, EventHandlerMethodAdapter adapter) {
			Object payload = event.eventPayload();
			if (this.usableAsIs && this.rawType.isInstance(payload)) {
				return payload;
			}
			Object converted = convert(payload, event, adapter);
			if (converted == null && this.type instanceof Class<?> declaredClass && declaredClass.isPrimitive()) {
				throw conversionFailure(event, adapter, new IllegalArgumentException("Payload is null"));
			}
			return converted;
		}

		private @Nullable Object convert(@Nullable Object payload, EventParams event,
				EventHandlerMethodAdapter adapter) {
			try {
				JsonMapper jsonMapper = this.jsonMapper.get();
				return (payload instanceof JsonNode node) ? jsonMapper.treeToValue(node, this.javaType.get())
						: jsonMapper.convertValue(payload, this.javaType.get());
			}
			catch (RuntimeException ex) {
				throw conversionFailure(event, adapter, ex);
			}
		}

		private EventPayloadConversionException conversionFailure(EventParams event, EventHandlerMethodAdapter adapter,
				Exception ex) {
			return new EventPayloadConversionException("Failed to convert payload of event for topic \"" + event.topic()
					+ "\" to " + this.type.getTypeName() + " for " + adapter, ex);
		}

	}

}
