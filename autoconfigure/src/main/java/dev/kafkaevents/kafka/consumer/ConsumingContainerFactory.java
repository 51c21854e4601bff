package dev.kafkaevents.kafka.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultShareConsumerFactory;
import org.springframework.kafka.listener.AcknowledgingShareConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.ShareKafkaMessageListenerContainer;

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

	private static final Duration SHARE_ACKNOWLEDGMENT_WARNING = Duration.ofMinutes(10);

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
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumerFactory(this.offsetCommits.consumerProperties(), securityFailures, customizers),
				containerProperties(listener, rebalanceListener));
		container.setApplicationEventPublisher(eventPublisher);
		return configure(container, this.mapping.id(), errorHandler);
	}

	/**
	 * Create the container of the mapping's retry topics, not started: one consumer per
	 * mapping consumer, in group {@code <groupId>.retry}, starting at the earliest offset
	 * so that no retried record is missed, committing each handled record.
	 * @param retryTopics the retry topics
	 * @param listener the record listener, which waits for each record's due time
	 * @param errorHandler the error handler
	 * @param securityFailures the log of the consumers' security failures
	 * @param customizers customizers of the consumer factory
	 * @return the container
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> createRetry(List<String> retryTopics,
			MessageListener<byte[], byte[]> listener, CommonErrorHandler errorHandler,
			SecurityFailureLog securityFailures, List<KafkaConsumerFactoryCustomizer> customizers) {
		Map<String, Object> consumerProperties = this.offsetCommits.consumerProperties();
		consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		ContainerProperties properties = new ContainerProperties(retryTopics.toArray(String[]::new));
		properties.setGroupId(this.mapping.groupId() + RetryTopics.RETRY_SUFFIX);
		properties.setAckMode(AckMode.RECORD);
		properties.setMessageListener(listener);
		properties.setListenerTaskExecutor(this.executor);
		properties.setAuthExceptionRetryInterval(authRetryInterval());
		return configure(
				new ConcurrentMessageListenerContainer<>(
						consumerFactory(consumerProperties, securityFailures, customizers), properties),
				retryContainerId(), errorHandler);
	}

	/**
	 * Create the share container of a share-group mapping, not started: one share
	 * consumer per {@code concurrency} in group {@code groupId}, each record acknowledged
	 * by the listener, acknowledgements sent with the next fetch.
	 * @param listener the listener
	 * @param eventPublisher where container events go
	 * @return the container
	 */
	ShareKafkaMessageListenerContainer<byte[], byte[]> createShare(
			AcknowledgingShareConsumerAwareMessageListener<byte[], byte[]> listener,
			ApplicationEventPublisher eventPublisher) {
		ContainerProperties properties = new ContainerProperties(this.mapping.kafkaTopics().toArray(String[]::new));
		properties.setGroupId(this.mapping.groupId());
		properties.setShareAckMode(ContainerProperties.ShareAckMode.MANUAL);
		properties.setSyncShareCommits(false);
		properties.setShareAcknowledgmentTimeout(SHARE_ACKNOWLEDGMENT_WARNING);
		properties.setMessageListener(listener);
		properties.setListenerTaskExecutor(this.executor);
		ShareKafkaMessageListenerContainer<byte[], byte[]> container = new ShareKafkaMessageListenerContainer<>(
				new DefaultShareConsumerFactory<>(shareConsumerProperties()), properties);
		container.setShareConsumerRecordRecoverer((record, ex) -> AcknowledgeType.RELEASE);
		container.setConcurrency(this.mapping.concurrency());
		container.setClientId(this.mapping.clientId());
		container.setBeanName(this.mapping.id());
		container.setAutoStartup(false);
		container.setApplicationEventPublisher(eventPublisher);
		return container;
	}

	/**
	 * Return the properties of the mapping's share consumers: its consumer properties
	 * without those a share consumer refuses, whose place the group's configuration
	 * takes.
	 * @return the share consumer properties
	 */
	private Map<String, Object> shareConsumerProperties() {
		Map<String, Object> properties = new HashMap<>(this.mapping.consumerProperties());
		properties.keySet().removeAll(ConsumingMapping.SHARE_CONSUMER_UNSUPPORTED_PROPERTIES);
		return properties;
	}

	/**
	 * Return the id of the container of the mapping's retry topics.
	 * @return {@code <mapping id>.retry}
	 */
	String retryContainerId() {
		return this.mapping.id() + RetryTopics.RETRY_SUFFIX;
	}

	private DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory(Map<String, Object> consumerProperties,
			SecurityFailureLog securityFailures, List<KafkaConsumerFactoryCustomizer> customizers) {
		DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(
				consumerProperties);
		consumerFactory.addPostProcessor(securityFailures::watch);
		customizers.forEach((customizer) -> customizer.customize(this.mapping, consumerFactory));
		return consumerFactory;
	}

	private ConcurrentMessageListenerContainer<byte[], byte[]> configure(
			ConcurrentMessageListenerContainer<byte[], byte[]> container, String id, CommonErrorHandler errorHandler) {
		container.setConcurrency(this.mapping.concurrency());
		container.setBeanName(id);
		container.setAutoStartup(false);
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
