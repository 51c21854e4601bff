package dev.kafkaevents.kafka.consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Forwards the events of a mapping's listener container, first letting an idle consumer
 * run its queued tasks and update its lag, and logging authentication retries.
 *
 * @author kafka-events
 */
final class ContainerEventForwarder implements ApplicationEventPublisher {

	private final ApplicationEventPublisher delegate;

	private final ConsumerActivity activity;

	private final ConsumerThreadTasks tasks;

	private final SecurityFailureLog securityFailures;

	ContainerEventForwarder(ApplicationEventPublisher delegate, ConsumerActivity activity, ConsumerThreadTasks tasks,
			SecurityFailureLog securityFailures) {
		this.delegate = delegate;
		this.activity = activity;
		this.tasks = tasks;
		this.securityFailures = securityFailures;
	}

	@Override
	public void publishEvent(Object event) {
		if (event instanceof ListenerContainerIdleEvent idle) {
			this.activity.idle(idle.getConsumer());
			this.tasks.runFor(idle.getConsumer());
		}
		else if (event instanceof ConsumerRetryAuthEvent) {
			this.securityFailures.retrying();
		}
		else if (event instanceof ConsumerRetryAuthSuccessfulEvent) {
			this.securityFailures.recovered();
		}
		this.delegate.publishEvent(event);
	}

}
