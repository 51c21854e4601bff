package dev.kafkaevents.autoconfigure.actuate.endpoint;

import java.util.List;

import dev.kafkaevents.actuate.endpoint.KafkaEventsEndpoint;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsPublishingAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsRequestReplyAutoConfiguration;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.consumer.KafkaConsumingBridges;
import dev.kafkaevents.kafka.inbox.InboxRepository;
import dev.kafkaevents.kafka.outbox.OutboxRepository;
import dev.kafkaevents.kafka.producer.KafkaPublishingBridges;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import dev.kafkaevents.kafka.reply.RequestAnswerers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link KafkaEventsEndpoint kafkaevents} Actuator endpoint.
 *
 * @author kafka-events
 */
@AutoConfiguration(
		after = { KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class,
				KafkaEventsRequestReplyAutoConfiguration.class },
		afterName = { "dev.kafkaevents.autoconfigure.outbox.KafkaEventsOutboxAutoConfiguration",
				"dev.kafkaevents.autoconfigure.inbox.KafkaEventsInboxAutoConfiguration" })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ KafkaInstanceRegistry.class, KafkaConsumingBridges.class })
@ConditionalOnAvailableEndpoint(KafkaEventsEndpoint.class)
public final class KafkaEventsEndpointAutoConfiguration {

	KafkaEventsEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaEventsEndpoint kafkaEventsEndpoint(KafkaInstanceRegistry registry, KafkaConsumingBridges consumingBridges,
			ObjectProvider<KafkaPublishingBridges> publishingBridges, ObjectProvider<OutboxRepository> outbox,
			ObjectProvider<KafkaRequests> requests, ObjectProvider<RequestAnswerers> answerers,
			ObjectProvider<InboxRepository> inbox) {
		KafkaPublishingBridges publishing = publishingBridges.getIfAvailable();
		KafkaEventsEndpoint endpoint = new KafkaEventsEndpoint(registry, consumingBridges,
				(publishing != null) ? publishing.getBridges() : List.of(), outbox.getIfAvailable());
		endpoint.setRequestReply(requests.getIfAvailable(), answerers.getIfAvailable());
		endpoint.setInbox(inbox.getIfAvailable());
		return endpoint;
	}

}
