package dev.kafkaevents.kafka.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.MessageListener;

/**
 * The record listener of a mapping's retry topics: hands each record, once its delay has
 * passed, to the same {@link RecordDispatcher} as the mapping's Kafka topics, so that the
 * events topic's handlers see it once per attempt, and waits for its outcome.
 *
 * @author kafka-events
 */
final class RetryTopicListener implements MessageListener<byte[], byte[]> {

	private final RecordDispatcher dispatcher;

	private final ConsumerActivity activity;

	RetryTopicListener(RecordDispatcher dispatcher, ConsumerActivity activity) {
		this.dispatcher = dispatcher;
		this.activity = activity;
	}

	@Override
	public void onMessage(ConsumerRecord<byte[], byte[]> record) {
		this.dispatcher.dispatch(record).join();
		this.activity.processed();
	}

}
