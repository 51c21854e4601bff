package dev.kafkaevents.kafka.consumer;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The back-off of {@code retry.mode: pause-partition}: instead of waiting on the consumer
 * thread, pauses the failed record's partition for the wait through spring-kafka's
 * {@link ListenerContainerPauseService}, so that the consumer keeps polling its other
 * partitions. spring-kafka's {@link ContainerPausingBackOffHandler} pauses the whole
 * container when the error handler names no partition, which it never does for a batch
 * listener; this handler finds the partition in the listener's
 * {@link BatchListenerFailedException}.
 *
 * @author kafka-events
 */
final class PartitionPausingBackOffHandler implements BackOffHandler {

	private final ListenerContainerPauseService pauser;

	private final ContainerPausingBackOffHandler containerPausing;

	PartitionPausingBackOffHandler(ListenerContainerPauseService pauser) {
		this.pauser = pauser;
		this.containerPausing = new ContainerPausingBackOffHandler(pauser);
	}

	@Override
	public void onNextBackOff(@Nullable MessageListenerContainer container, @Nullable Exception exception,
			long nextBackOff) {
		TopicPartition partition = failedPartition(exception);
		if (container != null && partition != null) {
			onNextBackOff(container, partition, nextBackOff);
		}
		else {
			this.containerPausing.onNextBackOff(container, exception, nextBackOff);
		}
	}

	@Override
	public void onNextBackOff(MessageListenerContainer container, TopicPartition partition, long nextBackOff) {
		this.pauser.pausePartition(container, partition, Duration.ofMillis(nextBackOff));
	}

	private static @Nullable TopicPartition failedPartition(@Nullable Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof BatchListenerFailedException failed && failed.getRecord() != null) {
				ConsumerRecord<?, ?> record = failed.getRecord();
				return new TopicPartition(record.topic(), record.partition());
			}
		}
		return null;
	}

}
