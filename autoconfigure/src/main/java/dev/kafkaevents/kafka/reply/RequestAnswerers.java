package dev.kafkaevents.kafka.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.format.ValueCodec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.Assert;

/**
 * The {@link RequestAnswerer} of every consuming mapping, and the producers they reply
 * with: one per consuming instance, with the instance's connection settings, created on
 * the first reply, {@code acks=all}, {@code linger.ms=0} and a {@code max.block.ms} of
 * {@value #MAX_BLOCK_MILLIS} so that a request naming a reply topic that does not exist
 * holds its consumer up for a bounded time only.
 *
 * @author kafka-events
 */
public class RequestAnswerers implements DisposableBean {

	/**
	 * How long sending a reply may block the consumer for the metadata of a reply topic
	 * that does not exist.
	 */
	static final int MAX_BLOCK_MILLIS = 10_000;

	private final Map<String, RequestAnswerer> answerers = new LinkedHashMap<>();

	private final List<DefaultKafkaProducerFactory<byte[], byte[]>> factories = new ArrayList<>();

	/**
	 * Create the answerers of the consuming mappings of a registry.
	 * @param registry the instances
	 * @param headers the header names
	 * @param jsonMapper the application's mapper
	 */
	public RequestAnswerers(KafkaInstanceRegistry registry, ReplyHeaders headers, JsonMapper jsonMapper) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		for (KafkaInstance instance : registry.getInstances()) {
			KafkaConnection consuming = instance.consuming();
			if (consuming != null && !instance.consumingMappings().isEmpty()) {
				KafkaTemplate<byte[], byte[]> template = template(consuming);
				for (ConsumingMapping mapping : instance.consumingMappings()) {
					this.answerers.put(mapping.id(), new RequestAnswerer(mapping, headers, template,
							ValueCodec.of(mapping.format(), jsonMapper)));
				}
			}
		}
	}

	private KafkaTemplate<byte[], byte[]> template(KafkaConnection connection) {
		Map<String, Object> properties = new LinkedHashMap<>();
		connection.clientProperties().forEach((name, value) -> {
			if (ProducerConfig.configNames().contains(name)) {
				properties.put(name, value);
			}
		});
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, connection.clientId() + "-replies");
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MILLIS);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(properties);
		this.factories.add(factory);
		KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(factory);
		template.setProducerListener(new ProducerListener<>() {
		});
		return template;
	}

	/**
	 * Return the answerer of a consuming mapping.
	 * @param mappingId the id of the mapping
	 * @return the answerer, or {@code null} for an unknown mapping
	 */
	public @Nullable RequestAnswerer get(String mappingId) {
		return this.answerers.get(mappingId);
	}

	/**
	 * Return every answerer.
	 * @return the answerers, in configuration order
	 */
	public List<RequestAnswerer> getAnswerers() {
		return List.copyOf(this.answerers.values());
	}

	@Override
	public void destroy() {
		this.factories.forEach(DefaultKafkaProducerFactory::destroy);
	}

}
