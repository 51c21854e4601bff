package dev.kafkaevents.kafka.consumer;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A {@link ListenerContainerRegistry} of one programmatic container, for spring-kafka's
 * back-off manager, which finds the container to pause by its listener id.
 *
 * @author kafka-events
 */
final class OneContainerRegistry implements ListenerContainerRegistry {

	private @Nullable MessageListenerContainer container;

	void register(MessageListenerContainer container) {
		this.container = container;
	}

	@Override
	public @Nullable MessageListenerContainer getListenerContainer(String id) {
		return (this.container != null && id.equals(this.container.getListenerId())) ? this.container : null;
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainersMatching(Predicate<String> idMatcher) {
		return getListenerContainers().stream().filter((found) -> idMatcher.test(found.getListenerId())).toList();
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainersMatching(
			BiPredicate<String, MessageListenerContainer> idAndContainerMatcher) {
		return getListenerContainers().stream()
			.filter((found) -> idAndContainerMatcher.test(found.getListenerId(), found))
			.toList();
	}

	@Override
	public @Nullable MessageListenerContainer getUnregisteredListenerContainer(String id) {
		return null;
	}

	@Override
	public Set<String> getListenerContainerIds() {
		return getListenerContainers().stream()
			.map(MessageListenerContainer::getListenerId)
			.collect(Collectors.toSet());
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainers() {
		return (this.container != null) ? List.of(this.container) : List.of();
	}

	@Override
	public Collection<MessageListenerContainer> getAllListenerContainers() {
		return getListenerContainers();
	}

}
