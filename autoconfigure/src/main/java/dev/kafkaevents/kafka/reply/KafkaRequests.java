package dev.kafkaevents.kafka.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import dev.kafkaevents.kafka.format.ValueCodec;
import dev.kafkaevents.kafka.producer.EventRecords;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Sends request events to Kafka and completes with their reply events, on top of
 * spring-kafka's {@code ReplyingKafkaTemplate}.
 * <p>
 * A request goes through the publishing mapping of its events topic (as the publishing
 * bridge would send it, but without publishing it in the application), on an instance
 * configured under {@code events.modules.kafka.request-reply.requesters}. Each such
 * instance reads its reply topic with a consumer of its own; the request carries the
 * reply topic (and partition, when one is configured) and a correlation id in the
 * {@link ReplyHeaders}. The future completes with the reply, or exceptionally with a
 * {@link KafkaRequestTimeoutException} or a {@link KafkaReplyErrorException}.
 *
 * @author kafka-events
 */
public class KafkaRequests implements SmartLifecycle, DisposableBean {

	private final Map<String, List<MappingRequests>> byTopic = new LinkedHashMap<>();

	private final List<MappingRequests> mappings = new ArrayList<>();

	private final List<RequestReplyTemplate> templates = new ArrayList<>();

	private final JsonMapper jsonMapper;

	private volatile boolean running;

	/**
	 * Create the requesters of the given instances.
	 * @param registry the instances
	 * @param publishingTemplates the templates whose producers send the requests
	 * @param requesters the settings of each requesting instance
	 * @param headers the header names
	 * @param jsonMapper the application's mapper
	 */
	public KafkaRequests(KafkaInstanceRegistry registry, KafkaPublishingTemplates publishingTemplates,
			List<RequesterSettings> requesters, ReplyHeaders headers, JsonMapper jsonMapper) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(publishingTemplates, "'publishingTemplates' must not be null");
		Assert.notNull(requesters, "'requesters' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.jsonMapper = jsonMapper;
		for (RequesterSettings settings : requesters) {
			KafkaInstance instance = registry.getInstance(settings.instance())
				.orElseThrow(() -> new IllegalArgumentException("No instance named '" + settings.instance() + "'"));
			KafkaConnection publishing = instance.publishing();
			Assert.isTrue(publishing != null, () -> "Instance '" + settings.instance() + "' does not publish");
			RequestReplyTemplate template = new RequestReplyTemplate(
					publishingTemplates.getTemplate(settings.instance()).getProducerFactory(),
					ReplyConsumers.create(settings, publishing), headers);
			this.templates.add(template);
			for (PublishingMapping mapping : instance.publishingMappings()) {
				MappingRequests requests = new MappingRequests(mapping, settings, template,
						new EventRecords(mapping, jsonMapper), ValueCodec.of(mapping.format(), jsonMapper), headers);
				this.mappings.add(requests);
				this.byTopic.computeIfAbsent(mapping.eventsTopic(), (topic) -> new ArrayList<>()).add(requests);
			}
		}
	}

	/**
	 * Send a request and wait for its reply as long as its mapping's timeout.
	 * @param request the request event, whose topic is the events topic of a publishing
	 * mapping on a requesting instance
	 * @return the reply event: its payload read in the mapping's value format, its
	 * headers as metadata, its record as {@link EventParams#kafkaRecord()}
	 */
	public CompletableFuture<EventParams> request(EventParams request) {
		return request(request, null);
	}

	/**
	 * Send a request and wait for its reply.
	 * @param request the request event
	 * @param timeout how long to wait for the reply, or {@code null} for the mapping's
	 * timeout
	 * @return the reply event
	 */
	public CompletableFuture<EventParams> request(EventParams request, @Nullable Duration timeout) {
		Assert.notNull(request, "'request' must not be null");
		Assert.isTrue(timeout == null || (!timeout.isNegative() && !timeout.isZero()), "'timeout' must be positive");
		try {
			MappingRequests requests = requestsOf(request.topic());
			Assert.state(this.running, "Requests are not accepted before the application has started");
			return requests.request(request, (timeout != null) ? timeout : requests.getTimeout());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Send a request payload without metadata and convert the reply payload.
	 * @param <T> the type of the reply payload
	 * @param topic the events topic of the request
	 * @param payload the payload of the request
	 * @param replyType the type the reply payload is converted to with the application's
	 * mapper
	 * @return the reply payload
	 */
	public <T> CompletableFuture<T> request(String topic, @Nullable Object payload, Class<T> replyType) {
		Assert.notNull(replyType, "'replyType' must not be null");
		return request(new EventParams(topic, payload, EventMetadata.empty()))
			.thenApply((reply) -> convert(reply.eventPayload(), replyType));
	}

	private <T> T convert(@Nullable Object payload, Class<T> type) {
		if (type.isInstance(payload)) {
			return type.cast(payload);
		}
		return (payload instanceof JsonNode node) ? this.jsonMapper.treeToValue(node, type)
				: this.jsonMapper.convertValue(payload, type);
	}

	private MappingRequests requestsOf(String topic) {
		List<MappingRequests> candidates = this.byTopic.get(topic);
		if (candidates == null) {
			throw new IllegalArgumentException("No publishing mapping of events topic '" + topic
					+ "' on an instance configured under events.modules.kafka.request-reply.requesters");
		}
		if (candidates.size() > 1) {
			throw new IllegalArgumentException("Events topic '" + topic + "' is mapped by several requesting"
					+ " publishing mappings " + candidates.stream().map((each) -> each.getMapping().id()).toList()
					+ "; a request needs exactly one");
		}
		return candidates.get(0);
	}

	/**
	 * Return the requesting side of every publishing mapping on a requesting instance.
	 * @return the mappings' requests, in configuration order
	 */
	public List<MappingRequests> getMappings() {
		return List.copyOf(this.mappings);
	}

	@Override
	public void start() {
		this.templates.forEach(RequestReplyTemplate::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.templates.forEach(RequestReplyTemplate::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		this.templates.forEach(RequestReplyTemplate::destroy);
	}

}
