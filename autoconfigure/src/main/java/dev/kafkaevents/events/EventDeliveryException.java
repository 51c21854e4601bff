package dev.kafkaevents.events;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Thrown (through the future returned by {@link EventsService#publish}) when one or more
 * subscribers failed to process an event.
 */
public class EventDeliveryException extends RuntimeException {

	private final String topic;

	private final List<String> subscriberIds;

	/**
	 * Create a new instance with the failure of the first subscriber as cause and the
	 * others as suppressed exceptions.
	 * @param topic the topic of the event
	 * @param subscriberIds the ids of the failed subscribers, in registration order
	 * @param causes the failures, one per subscriber id, in the same order
	 */
	public EventDeliveryException(String topic, List<String> subscriberIds, List<? extends Throwable> causes) {
		super(buildMessage(topic, subscriberIds, causes), causes.get(0));
		this.topic = topic;
		this.subscriberIds = List.copyOf(subscriberIds);
		causes.stream().skip(1).forEach(this::addSuppressed);
	}

	private static String buildMessage(String topic, List<String> subscriberIds, List<? extends Throwable> causes) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notEmpty(subscriberIds, "'subscriberIds' must not be empty");
		Assert.notNull(causes, "'causes' must not be null");
		Assert.isTrue(subscriberIds.size() == causes.size(), "'causes' must have one element per subscriber id");
		String ids = subscriberIds.stream().map((id) -> "\"" + id + "\"").collect(Collectors.joining(", "));
		String subscribers = (subscriberIds.size() == 1) ? "Subscriber " : "Subscribers ";
		return subscribers + ids + " failed to process event for topic \"" + topic + "\"";
	}

	/**
	 * Return the topic of the event.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Return the ids of the failed subscribers, in registration order.
	 * @return the unmodifiable subscriber ids
	 */
	public List<String> getSubscriberIds() {
		return this.subscriberIds;
	}

}
