package dev.kafkaevents.actuate.metrics;

/**
 * Names and tags of the meters of kafka-events.
 *
 * @author kafka-events
 */
public final class KafkaEventsMeters {

	/**
	 * Counter of records received from Kafka, tagged by instance, mapping, events topic,
	 * Kafka topic and outcome.
	 */
	public static final String RECEIVED = "kafka.events.received";

	/**
	 * Timer of the handling of received records, from publishing the event until every
	 * subscriber has finished, tagged as {@link #RECEIVED}.
	 */
	public static final String HANDLING = "kafka.events.handling";

	/**
	 * Gauge of the records between a consumer's position and the end of a partition,
	 * tagged by instance, mapping, Kafka topic and partition.
	 */
	public static final String LAG = "kafka.events.lag";

	/**
	 * Gauge of the partitions of a mapping that are paused, by an operator or on error,
	 * tagged by instance and mapping.
	 */
	public static final String PAUSED_PARTITIONS = "kafka.events.paused.partitions";

	/**
	 * Counter of events sent to Kafka, tagged by instance, mapping, events topic, Kafka
	 * topic and outcome.
	 */
	public static final String PUBLISHED = "kafka.events.published";

	/**
	 * Counter of failed records sent to a retry topic, tagged by instance, mapping,
	 * events topic, Kafka topic the record failed on and retry topic.
	 */
	public static final String RETRIED = "kafka.events.retried";

	/**
	 * Counter of failed records sent to a dead-letter topic, tagged by instance, mapping,
	 * events topic, Kafka topic the record failed on and dead-letter topic.
	 */
	public static final String DEAD_LETTERED = "kafka.events.dead.lettered";

	/**
	 * Counter of dead-letter records replayed, tagged by instance, mapping, dead-letter
	 * topic and outcome: {@code replayed}, {@code failed-again} (a replayed record sent
	 * back to the dead-letter topic) or {@code skipped}.
	 */
	public static final String REPLAYED = "kafka.events.replayed";

	/**
	 * Counter of the records of share-group mappings acknowledged, tagged by instance,
	 * mapping and acknowledgement type.
	 */
	public static final String SHARE_ACKNOWLEDGED = "kafka.events.share.acknowledged";

	/**
	 * Gauge of the records of a share-group mapping delivered to this application whose
	 * outcome is not known yet.
	 */
	public static final String SHARE_IN_FLIGHT = "kafka.events.share.in.flight";

	/**
	 * Gauge of this application's members of the share group of a share-group mapping.
	 */
	public static final String SHARE_MEMBERS = "kafka.events.share.members";

	/**
	 * Tag of the acknowledgement type of a share-group record: {@code accept},
	 * {@code release} or {@code reject}.
	 */
	public static final String ACKNOWLEDGEMENT_TAG = "acknowledgement";

	/**
	 * Tag naming the instance: {@code kafka.events.instance}, not {@code instance}, which
	 * Prometheus sets to the scrape target on every series it scrapes.
	 */
	public static final String INSTANCE_TAG = "kafka.events.instance";

	/**
	 * Tag naming the mapping.
	 */
	public static final String MAPPING_TAG = "mapping";

	/**
	 * Tag naming the events topic.
	 */
	public static final String TOPIC_TAG = "topic";

	/**
	 * Tag naming the Kafka topic.
	 */
	public static final String KAFKA_TOPIC_TAG = "kafka.topic";

	/**
	 * Tag naming the partition.
	 */
	public static final String PARTITION_TAG = "partition";

	/**
	 * Tag naming the retry topic a record was sent to.
	 */
	public static final String RETRY_TOPIC_TAG = "retry.topic";

	/**
	 * Tag naming the dead-letter topic.
	 */
	public static final String DEAD_LETTER_TOPIC_TAG = "dead.letter.topic";

	/**
	 * Tag with the outcome: {@code success} or {@code failure}, and for published events
	 * also {@code skipped}.
	 */
	public static final String OUTCOME_TAG = "outcome";

	private KafkaEventsMeters() {
	}

}
