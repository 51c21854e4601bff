package dev.kafkaevents.kafka.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.kafkaevents.events.EventParams;

/**
 * The records that the publishing bridges of an events topic report for one event
 * instance, kept in the order of the bridges whatever order the broker acknowledges them
 * in.
 *
 * @author kafka-events
 */
final class PublishResultCollector {

	private final EventParams event;

	private final List<KafkaPublishingBridge> bridges;

	private final AtomicReferenceArray<PublishedRecord> records;

	private PublishResultCollector(EventParams event, List<KafkaPublishingBridge> bridges) {
		this.event = event;
		this.bridges = bridges;
		this.records = new AtomicReferenceArray<>(bridges.size());
	}

	/**
	 * Start collecting the records the given bridges send for an event instance.
	 * @param event the event instance, which no other publication uses
	 * @param bridges the bridges of its events topic
	 * @return the collector
	 */
	static PublishResultCollector collect(EventParams event, List<KafkaPublishingBridge> bridges) {
		PublishResultCollector collector = new PublishResultCollector(event, bridges);
		for (int i = 0; i < bridges.size(); i++) {
			int index = i;
			bridges.get(i).reportRecord(event, (record) -> collector.records.set(index, record));
		}
		return collector;
	}

	/**
	 * Stop collecting and return the result.
	 * @return the event and the records reported for it
	 */
	KafkaPublishResult finish() {
		this.bridges.forEach((bridge) -> bridge.forget(this.event));
		List<PublishedRecord> sent = new ArrayList<>(this.records.length());
		for (int i = 0; i < this.records.length(); i++) {
			PublishedRecord record = this.records.get(i);
			if (record != null) {
				sent.add(record);
			}
		}
		return new KafkaPublishResult(this.event, sent);
	}

}
