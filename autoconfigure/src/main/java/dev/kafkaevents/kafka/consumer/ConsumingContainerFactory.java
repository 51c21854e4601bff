package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.List;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Builds the spring-kafka listener container of a consuming mapping: its consumer factory
 * (customized, with its consumers watched for security failures), its container
 * properties (topics, group, commits, idle events, retry after an authentication
 * failure), and consumer threads that carry the mapping in their log context.
 *
 * @author kafka-events
 */
final class ConsumingContainerFactory {

	private static final long IDLE_EVENT_INTERVAL = 1000;

	private static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(10);

	private final ConsumingMapping mapping;

	private final OffsetCommits offsetCommits;

	private final SimpleAsyncTaskExecutor executor;

	ConsumingContainerFactory(ConsumingMapping mapping, OffsetCommits offsetCommits) {
		this.mapping = mapping;
		this.offsetCommits = offsetCommits;
		this.executor = new SimpleAsyncTaskExecutor("kafka-events-" + mapping.id() + "-");
		this.executor.setTaskDecorator((task) -> () -> {
			putLogContext();
			task.run();
		});
	}

	/**
	 * Return how long consumers wait before retrying after the brokers refused their
	 * credentials: ten seconds, or half of {@code rebalanceTimeout} when that is shorter.
	 * @return the interval
	 */
	Duration authRetryInterval() {
		Object maxPollInterval = this.mapping.consumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
		Duration half = (maxPollInterval != null) ? Duration.ofMillis(Long.parseLong(maxPollInterval.toString()) / 2)
				: AUTH_RETRY_INTERVAL;
		return (half.compareTo(AUTH_RETRY_INTERVAL) < 0) ? half : AUTH_RETRY_INTERVAL;
	}

	/**
	 * Set whether consumer threads are virtual threads.
	 * @param virtualThreads whether to use virtual threads
	 */
	void setVirtualThreads(boolean virtualThreads) {
		this.executor.setVirtualThreads(virtualThreads);
	}

	/**
	 * Create the container, not started.
	 * @param listener the message listener
	 * @param rebalanceListener the rebalance listener
	 * @param errorHandler the error handler
	 * @param eventPublisher where container events go
	 * @param securityFailures the log of the consumers' security failures
	 * @param customizers customizers of the consumer factory
	 * @return the container
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> create(
			BatchConsumerAwareMessageListener<byte[], byte[]> listener,
			ConsumerAwareRebalanceListener rebalanceListener, CommonErrorHandler errorHandler,
			ApplicationEventPublisher eventPublisher, SecurityFailureLog securityFailures,
			List<KafkaConsumerFactoryCustomizer> customizers) {
		DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(
				this.offsetCommits.consumerProperties());
		consumerFactory.addPostProcessor(securityFailures::watch);
		customizers.forEach((customizer) -> customizer.customize(this.mapping, consumerFactory));
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumerFactory, containerProperties(listener, rebalanceListener));
		container.setConcurrency(this.mapping.concurrency());
		container.setBeanName(this.mapping.id());
		container.setAutoStartup(false);
		container.setApplicationEventPublisher(eventPublisher);
		container.setCommonErrorHandler(errorHandler);
		return container;
	}

	private ContainerProperties containerProperties(BatchConsumerAwareMessageListener<byte[], byte[]> listener,
			ConsumerAwareRebalanceListener rebalanceListener) {
		ContainerProperties properties = new ContainerProperties(this.mapping.kafkaTopics().toArray(String[]::new));
		properties.setGroupId(this.mapping.groupId());
		this.offsetCommits.configure(properties);
		properties.setIdleEventInterval(IDLE_EVENT_INTERVAL);
		properties.setMessageListener(listener);
		properties.setConsumerRebalanceListener(rebalanceListener);
		properties.setListenerTaskExecutor(this.executor);
		properties.setAuthExceptionRetryInterval(authRetryInterval());
		return properties;
	}

	private void putLogContext() {
		MDC.put("instance", this.mapping.instance());
		MDC.put("groupId", this.mapping.groupId());
		MDC.put("kafkaTopics", String.join(",", this.mapping.kafkaTopics()));
		MDC.put("eventsTopic", this.mapping.eventsTopic());
	}

}
