package dev.kafkaevents.events;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Subscribes the {@link EventHandler} methods of all singleton beans to the
 * {@link EventsService} once the singletons are instantiated (before any
 * {@link org.springframework.context.SmartLifecycle} bean starts), and unsubscribes them
 * when destroyed.
 */
public class EventHandlerMethodProcessor implements SmartInitializingSingleton, BeanFactoryAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(EventHandlerMethodProcessor.class);

	private final ObjectProvider<EventsService> eventsService;

	private final Supplier<JsonMapper> jsonMapper;

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final List<EventSubscription> subscriptions = new ArrayList<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * Create a new instance that looks up its collaborators when first needed.
	 * @param eventsService the events service that handlers subscribe to
	 * @param jsonMapper the mapper that converts payloads to the parameter types of
	 * handlers, a default {@link JsonMapper} when there is none
	 */
	public EventHandlerMethodProcessor(ObjectProvider<EventsService> eventsService,
			ObjectProvider<JsonMapper> jsonMapper) {
		Assert.notNull(eventsService, "'eventsService' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.eventsService = eventsService;
		this.jsonMapper = SingletonSupplier.of(() -> jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	/**
	 * Set the bean factory whose beans are searched for handler methods.
	 * @param beanFactory the bean factory, which must be a
	 * {@link ConfigurableListableBeanFactory}
	 */
	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"EventHandlerMethodProcessor requires a ConfigurableListableBeanFactory");
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	/**
	 * Check every handler method of the singleton beans, then subscribe them all.
	 * @throws IllegalStateException if a handler method is invalid
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = getBeanFactory();
		List<Handler> handlers = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, true)) {
			if (!ScopedProxyUtils.isScopedTarget(beanName)) {
				handlers.addAll(findHandlers(beanFactory, beanName));
			}
		}
		if (!handlers.isEmpty()) {
			subscribe(this.eventsService.getObject(), handlers);
		}
	}

	private ConfigurableListableBeanFactory getBeanFactory() {
		Assert.state(this.beanFactory != null, "No BeanFactory set");
		return this.beanFactory;
	}

	private List<Handler> findHandlers(ConfigurableListableBeanFactory beanFactory, String beanName) {
		Class<?> targetClass = determineTargetClass(beanFactory, beanName);
		if (targetClass == null || this.nonAnnotatedClasses.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, EventHandler.class)) {
			return List.of();
		}
		Map<Method, EventHandler> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<EventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, EventHandler.class));
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return List.of();
		}
		Class<?> beanType = beanFactory.getType(beanName);
		Supplier<Object> bean = SingletonSupplier.of(() -> beanFactory.getBean(beanName));
		return methods.entrySet()
			.stream()
			.map((entry) -> createHandler(beanFactory, beanName, targetClass,
					(beanType != null) ? beanType : targetClass, entry.getKey(), entry.getValue(), bean))
			.toList();
	}

	private @Nullable Class<?> determineTargetClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
			if (type != null && ScopedObject.class.isAssignableFrom(type)) {
				Class<?> scopedType = AutoProxyUtils.determineTargetClass(beanFactory,
						ScopedProxyUtils.getTargetBeanName(beanName));
				return (scopedType != null) ? scopedType : type;
			}
			return type;
		}
		catch (Throwable ex) {
			logger.debug(LogMessage.format("Could not resolve target class for bean with name '%s'", beanName), ex);
			return null;
		}
	}

	private Handler createHandler(ConfigurableListableBeanFactory beanFactory, String beanName, Class<?> targetClass,
			Class<?> beanType, Method method, EventHandler annotation, Supplier<Object> bean) {
		String id = resolve(beanFactory, annotation.id());
		Set<String> topics = resolveTopics(beanFactory, beanName, method, annotation);
		Method methodToInvoke = AopUtils.selectInvocableMethod(method, beanType);
		EventHandlerMethodAdapter adapter = EventHandlerMethodAdapter.create(beanName, targetClass, method,
				methodToInvoke, bean, this.jsonMapper);
		return new Handler(StringUtils.hasText(id) ? id : beanName + "." + method.getName(), topics, adapter);
	}

	private Set<String> resolveTopics(ConfigurableListableBeanFactory beanFactory, String beanName, Method method,
			EventHandler annotation) {
		Set<String> topics = new LinkedHashSet<>();
		Arrays.stream(annotation.topics()).map((topic) -> resolve(beanFactory, topic)).forEach(topics::add);
		if (topics.isEmpty() || topics.stream().anyMatch((topic) -> !StringUtils.hasText(topic))) {
			throw new IllegalStateException(EventHandlerMethodAdapter.describe(beanName, method)
					+ " must declare one or more topics, none of them empty, but declares " + topics);
		}
		return topics;
	}

	private static String resolve(ConfigurableListableBeanFactory beanFactory, String value) {
		String resolved = beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : "";
	}

	private void subscribe(EventsService eventsService, List<Handler> handlers) {
		synchronized (this.subscriptions) {
			for (Handler handler : handlers) {
				this.subscriptions.add(eventsService.subscribe(handler.id(), handler.topics(), handler.adapter()));
				logger.debug(LogMessage.format("Subscribed %s as \"%s\" to topics %s", handler.adapter(), handler.id(),
						handler.topics()));
			}
		}
	}

	/**
	 * Unsubscribe every handler this processor subscribed.
	 */
	@Override
	public void destroy() {
		synchronized (this.subscriptions) {
			this.subscriptions.forEach(EventSubscription::unsubscribe);
			this.subscriptions.clear();
		}
	}

	private record Handler(String id, Set<String> topics, EventHandlerMethodAdapter adapter) {

	}

}
