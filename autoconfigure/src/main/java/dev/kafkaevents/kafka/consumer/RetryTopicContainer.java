package dev.kafkaevents.kafka.consumer;

import java.time.Clock;
import java.util.List;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerPartitionPausingBackOffManager;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.adapter.KafkaBackoffAwareMessageListenerAdapter;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds the listener container of a mapping's retry topics as spring-kafka's retry-topic
 * support does for a {@code @RetryableTopic} listener: the record listener is wrapped in
 * a {@link KafkaBackoffAwareMessageListenerAdapter}, which pauses a record's partition
 * until the record's due time through a {@link ContainerPartitionPausingBackOffManager},
 * and the error handler sends a record that failed again to its next retry topic or its
 * dead-letter topic at once.
 *
 * @author kafka-events
 */
final class RetryTopicContainer {

	private RetryTopicContainer() {
	}

	static ConcurrentMessageListenerContainer<byte[], byte[]> create(List<String> retryTopics,
			ConsumingContainerFactory factory, FailedRecordPolicy policy, RetryTopicListener listener,
			ListenerContainerPauseService pauser, SecurityFailureLog securityFailures,
			List<KafkaConsumerFactoryCustomizer> customizers) {
		OneContainerRegistry registry = new OneContainerRegistry();
		ContainerPartitionPausingBackOffManager backOffManager = new ContainerPartitionPausingBackOffManager(registry,
				new ContainerPausingBackOffHandler(pauser));
		DefaultErrorHandler errorHandler = new DefaultErrorHandler((ConsumerAwareRecordRecoverer) policy::acceptRetried,
				new FixedBackOff(0, 0));
		errorHandler.setCommitRecovered(true);
		errorHandler.setLogLevel(KafkaException.Level.DEBUG);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = factory
			.createRetry(
					retryTopics, new KafkaBackoffAwareMessageListenerAdapter<>(listener, backOffManager,
							factory.retryContainerId(), Clock.systemUTC()),
					errorHandler, securityFailures, customizers);
		registry.register(container);
		return container;
	}

}
