package dev.kafkaevents.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;

/**
 * Subscribes a bean method to the events of one or more topics.
 * <p>
 * The method takes either the {@link EventParams}, or the payload converted to the
 * declared parameter type with the application's Jackson {@code JsonMapper}, optionally
 * followed by the {@link EventMetadata} and the {@link KafkaRecord} (in either order; the
 * record is {@code null} for an event published in the application). It returns
 * {@code void} (processing is done when the method returns), a
 * {@link java.util.concurrent.CompletionStage} (processing is done when the stage
 * completes), or a value. A value, or the value a stage completes with, answers an event
 * that is a request ({@link EventParams#reply()}), such as a Kafka record sent with
 * {@code KafkaRequests}; for other events it is ignored. An exception thrown by the
 * method, or a failed stage, fails the future returned by {@link EventsService#publish}
 * (and answers a request with an error).
 *
 * @see EventHandlerMethodProcessor
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(EventHandlerReflectiveProcessor.class)
public @interface EventHandler {

	/**
	 * Alias for {@link #topics()}.
	 * @return the topics
	 */
	@AliasFor("topics")
	String[] value() default {};

	/**
	 * Topics to subscribe to, matched exactly; property placeholders are resolved.
	 * @return the topics
	 */
	@AliasFor("value")
	String[] topics() default {};

	/**
	 * Subscriber id used in logs and failures; defaults to
	 * {@code <beanName>.<methodName>}.
	 * @return the subscriber id
	 */
	String id() default "";

}
