package dev.kafkaevents.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
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

	private final ExtraParameter[] extraParameters;

	private final boolean returnsStage;

	private final boolean returnsValue;

	private EventHandlerMethodAdapter(String beanName, Method method, Method methodToInvoke, Supplier<Object> bean,
			@Nullable PayloadConverter payloadConverter) {
		this.beanName = beanName;
		this.method = method;
		this.methodToInvoke = methodToInvoke;
		this.bean = bean;
		this.payloadConverter = payloadConverter;
		this.extraParameters = ExtraParameter.of(method);
		this.returnsStage = CompletionStage.class.isAssignableFrom(method.getReturnType());
		this.returnsValue = method.getReturnType() != void.class && method.getReturnType() != Void.class;
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
		ReflectionUtils.makeAccessible(methodToInvoke);
		PayloadConverter payloadConverter = (takesEventParams(beanName, method)) ? null : new PayloadConverter(
				GenericTypeResolver.resolveType(method.getGenericParameterTypes()[0], targetClass), jsonMapper);
		return new EventHandlerMethodAdapter(beanName, method, methodToInvoke, bean, payloadConverter);
	}

	private static boolean takesEventParams(String beanName, Method method) {
		Class<?>[] types = method.getParameterTypes();
		if (types.length == 1 && types[0] == EventParams.class) {
			return true;
		}
		if (types.length >= 1 && types.length <= 3 && ExtraParameter.forType(types[0]) == null
				&& types[0] != EventParams.class && ExtraParameter.areDistinct(types)) {
			return false;
		}
		throw new IllegalStateException(describe(beanName, method)
				+ " must take (EventParams) or (T payload) parameters, the payload optionally followed by"
				+ " EventMetadata and KafkaRecord parameters, but takes ("
				+ Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")");
	}

	static String describe(String beanName, Method method) {
		return "@EventHandler method '" + method.getName() + "' on bean '" + beanName + "' ("
				+ ClassUtils.getQualifiedMethodName(method) + ")";
	}

	@Override
	public CompletionStage<?> onEvent(EventParams event) throws Exception {
		Object result = invoke(arguments(event));
		EventReply reply = event.reply();
		if (this.returnsStage && result != null) {
			CompletionStage<?> stage = (CompletionStage<?>) result;
			return (reply != null) ? stage.thenApply((value) -> reply.answer(value)) : stage;
		}
		if (reply != null && this.returnsValue) {
			reply.answer(result);
		}
		return EventStages.COMPLETED;
	}

	private @Nullable Object[] arguments(EventParams event) {
		if (this.payloadConverter == null) {
			return new Object[] { event };
		}
		@Nullable Object[] arguments = new @Nullable Object[1 + this.extraParameters.length];
		arguments[0] = this.payloadConverter.convert(event, this);
		for (int i = 0; i < this.extraParameters.length; i++) {
			arguments[i + 1] = this.extraParameters[i].argument(event);
		}
		return arguments;
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
	 * A parameter after the payload, resolved from the event.
	 */
	private enum ExtraParameter {

		METADATA(EventMetadata.class) {
			@Override
			@Nullable Object argument(EventParams event) {
				return event.metadata();
			}
		},

		KAFKA_RECORD(KafkaRecord.class) {
			@Override
			@Nullable Object argument(EventParams event) {
				return event.kafkaRecord();
			}
		};

		private final Class<?> type;

		ExtraParameter(Class<?> type) {
			this.type = type;
		}

		abstract @Nullable Object argument(EventParams event);

		static ExtraParameter[] of(Method method) {
			Class<?>[] types = method.getParameterTypes();
			ExtraParameter[] parameters = new ExtraParameter[Math.max(0, types.length - 1)];
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] = forType(types[i + 1]);
			}
			return parameters;
		}

		static @Nullable ExtraParameter forType(Class<?> type) {
			for (ExtraParameter parameter : values()) {
				if (parameter.type == type) {
					return parameter;
				}
			}
			return null;
		}

		static boolean areDistinct(Class<?>[] types) {
			Set<ExtraParameter> seen = EnumSet.noneOf(ExtraParameter.class);
			for (int i = 1; i < types.length; i++) {
				ExtraParameter parameter = forType(types[i]);
				if (parameter == null || !seen.add(parameter)) {
					return false;
				}
			}
			return true;
		}

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
