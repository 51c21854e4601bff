package dev.kafkaevents.actuate.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.consumer.ConsumingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.Assert;

/**
 * Counts and times the records the consuming bridges handle, and counts the failed
 * records they send to retry and dead-letter topics and the records they replay.
 *
 * @author kafka-events
 */
public class KafkaEventsConsumingMetrics implements ConsumingObserver {

	private static final String SUCCESS = "success";

	private static final String FAILURE = "failure";

	private static final String FILTERED = "filtered";

	private final MeterRegistry registry;

	private final Map<String, Map<String, TopicMeters>> meters = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry the registry meters are registered in
	 */
	public KafkaEventsConsumingMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void recordHandled(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record,
			@Nullable Throwable failure, long handlingNanos) {
		record(mapping, record, (failure != null) ? FAILURE : SUCCESS, handlingNanos);
	}

	@Override
	public void recordFiltered(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record, long filterNanos) {
		record(mapping, record, FILTERED, filterNanos);
	}

	private void record(ConsumingMapping mapping, ConsumerRecord<byte[], byte[]> record, String outcomeName,
			long nanos) {
		TopicMeters meters = this.meters.computeIfAbsent(mapping.id(), (id) -> new ConcurrentHashMap<>())
			.computeIfAbsent(record.topic(), (kafkaTopic) -> new TopicMeters(this.registry, mapping, kafkaTopic));
		OutcomeMeters outcome = meters.of(outcomeName);
		outcome.received().increment();
		outcome.handling().record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void recordRetried(ConsumingMapping mapping, ConsumerRecord<?, ?> record, String retryTopic) {
		Counter.builder(KafkaEventsMeters.RETRIED)
			.description("Failed records sent to a retry topic")
			.tags(recordTags(mapping, record))
			.tag(KafkaEventsMeters.RETRY_TOPIC_TAG, retryTopic)
			.register(this.registry)
			.increment();
	}

	@Override
	public void recordDeadLettered(ConsumingMapping mapping, ConsumerRecord<?, ?> record, String deadLetterTopic) {
		Counter.builder(KafkaEventsMeters.DEAD_LETTERED)
			.description("Failed records sent to a dead-letter topic")
			.tags(recordTags(mapping, record))
			.tag(KafkaEventsMeters.DEAD_LETTER_TOPIC_TAG, deadLetterTopic)
			.register(this.registry)
			.increment();
	}

	@Override
	public void recordReplayed(ConsumingMapping mapping, String deadLetterTopic, String outcome) {
		Counter.builder(KafkaEventsMeters.REPLAYED)
			.description("Records replayed from a dead-letter topic")
			.tags(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG, mapping.id(),
					KafkaEventsMeters.DEAD_LETTER_TOPIC_TAG, deadLetterTopic, KafkaEventsMeters.OUTCOME_TAG, outcome)
			.register(this.registry)
			.increment();
	}

	/**
	 * Return the tags of a failed record: its mapping, and the Kafka topic it failed on
	 * (the original topic of a record of a retry topic).
	 */
	private static Tags recordTags(ConsumingMapping mapping, ConsumerRecord<?, ?> record) {
		Header original = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		String kafkaTopic = (original != null) ? new String(original.value(), StandardCharsets.UTF_8) : record.topic();
		return Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG, mapping.id(),
				KafkaEventsMeters.TOPIC_TAG, mapping.eventsTopic(), KafkaEventsMeters.KAFKA_TOPIC_TAG, kafkaTopic);
	}

	private static OutcomeMeters register(MeterRegistry registry, ConsumingMapping mapping, String kafkaTopic,
			String outcome) {
		Tags tags = Tags.of(KafkaEventsMeters.INSTANCE_TAG, mapping.instance(), KafkaEventsMeters.MAPPING_TAG,
				mapping.id(), KafkaEventsMeters.TOPIC_TAG, mapping.eventsTopic(), KafkaEventsMeters.KAFKA_TOPIC_TAG,
				kafkaTopic, KafkaEventsMeters.OUTCOME_TAG, outcome);
		Counter received = Counter.builder(KafkaEventsMeters.RECEIVED)
			.description("Records received from Kafka")
			.tags(tags)
			.register(registry);
		Timer handling = Timer.builder(KafkaEventsMeters.HANDLING)
			.description("Handling of received records by every subscriber")
			.tags(tags)
			.register(registry);
		return new OutcomeMeters(received, handling);
	}

	/**
	 * The meters of one Kafka topic of a mapping, registered on first use of each
	 * outcome.
	 */
	private static final class TopicMeters {

		private final MeterRegistry registry;

		private final ConsumingMapping mapping;

		private final String kafkaTopic;

		private final Map<String, OutcomeMeters> byOutcome = new ConcurrentHashMap<>(2);

		TopicMeters(MeterRegistry registry, ConsumingMapping mapping, String kafkaTopic) {
			this.registry = registry;
			this.mapping = mapping;
			this.kafkaTopic = kafkaTopic;
		}

		OutcomeMeters of(String outcome) {
			return this.byOutcome.computeIfAbsent(outcome,
					(name) -> register(this.registry, this.mapping, this.kafkaTopic, name));
		}

	}

	private record OutcomeMeters(Counter received, Timer handling) {

	}

}
