package dev.kafkaevents.kafka.consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Forwards the events of a mapping's listener container, first letting an idle consumer
 * run its queued tasks, update its lag and commit what is due, and logging authentication
 * retries.
 *
 * @author kafka-events
 */
final class ContainerEventForwarder implements ApplicationEventPublisher {

	private final ApplicationEventPublisher delegate;

	private final ConsumerActivity activity;

	private final ConsumerThreadTasks tasks;

	private final OffsetCommits offsetCommits;

	private final SecurityFailureLog securityFailures;

	ContainerEventForwarder(ApplicationEventPublisher delegate, ConsumerActivity activity, ConsumerThreadTasks tasks,
			OffsetCommits offsetCommits, SecurityFailureLog securityFailures) {
		this.delegate = delegate;
		this.activity = activity;
		this.tasks = tasks;
		this.offsetCommits = offsetCommits;
		this.securityFailures = securityFailures;
	}

	@Override
	public void publishEvent(Object event) {
		if (event instanceof ListenerContainerIdleEvent idle) {
			this.activity.idle(idle.getConsumer());
			this.tasks.runFor(idle.getConsumer());
			this.offsetCommits.commitIfDue(idle.getConsumer());
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
