package dev.kafkaevents.kafka.reply;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kafkaevents.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Creates the reply container of a requesting instance: a consumer with the instance's
 * connection settings (its producer settings left out) in a consumer group of its own,
 * reading the reply topic from its end, either every partition or the one configured.
 *
 * @author kafka-events
 */
final class ReplyConsumers {

	private ReplyConsumers() {
	}

	static KafkaMessageListenerContainer<byte[], byte[]> create(RequesterSettings settings,
			KafkaConnection connection) {
		DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(
				consumerProperties(settings, connection));
		Integer partition = settings.replyPartition();
		ContainerProperties properties = (partition != null)
				? new ContainerProperties(new TopicPartitionOffset(settings.replyTopic(), partition))
				: new ContainerProperties(settings.replyTopic());
		properties.setGroupId(settings.replyGroupId());
		properties.setClientId(connection.clientId() + "-replies");
		KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(factory,
				properties);
		container.setBeanName("kafkaEventsReplies." + settings.instance());
		return container;
	}

	static Map<String, Object> consumerProperties(RequesterSettings settings, KafkaConnection connection) {
		Map<String, Object> properties = new LinkedHashMap<>();
		connection.clientProperties().forEach((name, value) -> {
			if (ConsumerConfig.configNames().contains(name)) {
				properties.put(name, value);
			}
		});
		properties.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.replyGroupId());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return properties;
	}

}
