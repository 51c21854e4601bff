package dev.kafkaevents.kafka.producer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.events.EventsService;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Publishes events through the {@link EventsService}, like
 * {@link EventsService#publish(EventParams)}, and reports where the publishing bridges
 * sent them in Kafka; also publishes application objects to the events topic whose
 * publishing mappings declare their {@code payloadType}.
 * <p>
 * Every subscriber of the events topic receives the event, as with
 * {@code EventsService.publish}. The returned future completes when every subscriber has
 * finished, with a {@link KafkaPublishResult} listing the record each publishing mapping
 * of the topic produced, or exceptionally with the failure {@code EventsService.publish}
 * reports (with the in-memory events service an
 * {@link dev.kafkaevents.events.EventDeliveryException} whose cause is a
 * {@link KafkaEventPublishingException} for a failed send). The records are learnt from
 * the bridges by the identity of the event instance this class publishes, so an events
 * service that hands its subscribers a copy of the event reports no records.
 *
 * @author kafka-events
 */
public class KafkaEvents {

	private final EventsService eventsService;

	private final Map<String, List<KafkaPublishingBridge>> bridgesByTopic;

	private final PayloadTypes payloadTypes;

	/**
	 * Create a new instance.
	 * @param eventsService the events service the bridges subscribe to
	 * @param bridges the publishing bridges
	 */
	public KafkaEvents(EventsService eventsService, KafkaPublishingBridges bridges) {
		Assert.notNull(eventsService, "'eventsService' must not be null");
		Assert.notNull(bridges, "'bridges' must not be null");
		this.eventsService = eventsService;
		this.bridgesByTopic = byEventsTopic(bridges.getBridges());
		this.payloadTypes = new PayloadTypes(
				bridges.getBridges().stream().map(KafkaPublishingBridge::getMapping).toList());
	}

	private static Map<String, List<KafkaPublishingBridge>> byEventsTopic(List<KafkaPublishingBridge> bridges) {
		Map<String, List<KafkaPublishingBridge>> byTopic = new LinkedHashMap<>();
		for (KafkaPublishingBridge bridge : bridges) {
			byTopic.computeIfAbsent(bridge.getMapping().eventsTopic(), (topic) -> new ArrayList<>()).add(bridge);
		}
		byTopic.replaceAll((topic, topicBridges) -> List.copyOf(topicBridges));
		return Map.copyOf(byTopic);
	}

	/**
	 * Publish an event to the subscribers of its topic and learn where it landed in
	 * Kafka.
	 * @param event the event
	 * @return a future that completes when every subscriber has finished, with the
	 * records produced for the event
	 */
	public CompletableFuture<KafkaPublishResult> publish(EventParams event) {
		Assert.notNull(event, "'event' must not be null");
		EventParams published = new EventParams(event.topic(), event.eventPayload(), event.metadata(),
				event.kafkaRecord());
		PublishResultCollector collector = PublishResultCollector.collect(published,
				this.bridgesByTopic.getOrDefault(event.topic(), List.of()));
		CompletableFuture<KafkaPublishResult> result = new CompletableFuture<>();
		try {
			this.eventsService.publish(published).whenComplete((done, ex) -> complete(result, collector, ex));
		}
		catch (RuntimeException ex) {
			complete(result, collector, ex);
		}
		return result;
	}

	/**
	 * Publish an application object, without metadata, to the events topic of the
	 * publishing mappings whose {@code payloadType} it is an instance of. An
	 * {@link EventParams} is published as {@link #publish(EventParams)} does.
	 * @param payload the object
	 * @return a future that completes when every subscriber has finished, with the
	 * records produced for the event
	 * @throws IllegalArgumentException if no publishing mapping carries the object's
	 * type, or mappings of several events topics do
	 */
	public CompletableFuture<KafkaPublishResult> publish(Object payload) {
		Assert.notNull(payload, "'payload' must not be null");
		if (payload instanceof EventParams event) {
			return publish(event);
		}
		return publish(payload, EventMetadata.empty());
	}

	/**
	 * Publish an application object with metadata to the events topic of the publishing
	 * mappings whose {@code payloadType} it is an instance of.
	 * @param payload the object
	 * @param metadata the metadata of the event
	 * @return a future that completes when every subscriber has finished, with the
	 * records produced for the event
	 * @throws IllegalArgumentException if no publishing mapping carries the object's
	 * type, or mappings of several events topics do
	 */
	public CompletableFuture<KafkaPublishResult> publish(Object payload, EventMetadata metadata) {
		Assert.notNull(payload, "'payload' must not be null");
		Assert.notNull(metadata, "'metadata' must not be null");
		return publish(new EventParams(this.payloadTypes.eventsTopic(payload.getClass()), payload, metadata));
	}

	private static void complete(CompletableFuture<KafkaPublishResult> result, PublishResultCollector collector,
			@Nullable Throwable ex) {
		KafkaPublishResult published = collector.finish();
		if (ex != null) {
			result.completeExceptionally(
					(ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			return;
		}
		result.complete(published);
	}

}
