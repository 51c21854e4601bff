package dev.kafkaevents.kafka.consumer;

import java.time.Duration;

import dev.kafkaevents.kafka.ConsumingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.listener.ShareKafkaMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The consumption of a share-group mapping ({@code kafka.shareGroup}): spring-kafka's
 * share container, whose {@link ShareGroupListener} publishes each record and whose
 * {@link ShareAcknowledgements} accept, release or reject it, prepared by
 * {@link ShareGroupSetup}; in-flight records have their acquisition locks renewed by
 * {@link InFlightShareRecords}, on two threads of its own that also handle failed records
 * (a slow dead-letter send does not hold up renewals). The share container cannot pause,
 * so an operator's pause stops it (the records in flight are released to the group) and
 * resume starts it again.
 *
 * @author kafka-events
 */
final class ShareGroupConsumption {

	private static final Log logger = LogFactory.getLog(KafkaConsumingBridge.class);

	private static final Duration RENEW_CHECK_INTERVAL = Duration.ofSeconds(1);

	private final ConsumingMapping mapping;

	private final ShareGroupSetup setup;

	private final InFlightShareRecords inFlight = new InFlightShareRecords();

	private final ThreadPoolTaskScheduler scheduler;

	private final ShareAcknowledgements acknowledgements;

	private final ShareKafkaMessageListenerContainer<byte[], byte[]> container;

	private final ContainerStarter starter;

	private volatile boolean pausedByOperator;

	ShareGroupConsumption(ConsumingMapping mapping, ConsumingContainerFactory containerFactory,
			RecordDispatcher dispatcher, FailedRecordPolicy failurePolicy, ConsumerActivity activity,
			ApplicationEventPublisher eventPublisher) {
		this.mapping = mapping;
		this.setup = new ShareGroupSetup(mapping);
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("kafka-events-" + mapping.id() + "-share-");
		this.scheduler.setPoolSize(2);
		this.scheduler.initialize();
		this.acknowledgements = new ShareAcknowledgements(mapping, this.inFlight, failurePolicy, activity,
				this.scheduler);
		this.container = containerFactory.createShare(
				new ShareGroupListener(dispatcher, this.inFlight, this.acknowledgements, activity), eventPublisher);
		this.starter = new ContainerStarter(mapping, this.container);
		this.scheduler.scheduleWithFixedDelay(this.inFlight::renewDue, RENEW_CHECK_INTERVAL);
	}

	ShareKafkaMessageListenerContainer<byte[], byte[]> container() {
		return this.container;
	}

	/**
	 * Prepare the share group and start its consumers.
	 * @throws ShareGroupSetupException if the brokers cannot serve the mapping through a
	 * share group
	 */
	void start() {
		this.setup.apply();
		this.pausedByOperator = false;
		this.starter.start();
	}

	/**
	 * Stop the consumers; the records whose outcome is not known yet are released to the
	 * group when their consumer closes.
	 */
	void stop() {
		this.starter.cancel();
		this.container.stop();
		this.inFlight.clear();
	}

	void pause() {
		this.pausedByOperator = true;
		stop();
		logger.info(LogPrefix.of(this.mapping) + "stopped the share consumers of group " + this.mapping.groupId()
				+ " on an operator's pause");
	}

	void resume() {
		if (this.pausedByOperator) {
			this.pausedByOperator = false;
			this.starter.start();
		}
	}

	boolean isRunning() {
		return this.container.isRunning();
	}

	ConsumingState state() {
		if (this.pausedByOperator) {
			return ConsumingState.PAUSED;
		}
		if (this.starter.isWaiting()) {
			return ConsumingState.NOT_CONNECTED;
		}
		return this.container.isRunning() ? ConsumingState.RUNNING : ConsumingState.STOPPED;
	}

	ShareGroupStatistics statistics() {
		return new ShareGroupStatistics(this.container.isRunning() ? this.mapping.concurrency() : 0,
				this.inFlight.size(), this.acknowledgements.accepted(), this.acknowledgements.released(),
				this.acknowledgements.rejected());
	}

	void close() {
		this.starter.close();
		this.scheduler.destroy();
	}

}
