package dev.kafkaevents.kafka.producer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kafkaevents.kafka.KafkaConnection;
import dev.kafkaevents.kafka.KafkaInstance;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.PublishingMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.Assert;

/**
 * The producer factories and {@link KafkaTemplate}s of the publishing instances: one per
 * instance, built from the instance's producer properties, and one per mapping whose
 * producer properties differ from its instance's.
 * <p>
 * Producers are created on first use. Each factory gets a distinct {@code client.id}
 * prefix (the configured client id, followed by {@code -<instance>} or
 * {@code -<mapping id>} when an earlier factory already uses it), so that the client's
 * JMX registrations never collide. The templates do not log failed sends themselves: the
 * future of each send reports the failure.
 *
 * @author kafka-events
 */
public class KafkaPublishingTemplates implements DisposableBean {

	private static final Log logger = LogFactory.getLog(KafkaPublishingTemplates.class);

	private final Map<String, KafkaTemplate<byte[], byte[]>> instanceTemplates = new LinkedHashMap<>();

	private final Map<String, KafkaTemplate<byte[], byte[]>> mappingTemplates = new LinkedHashMap<>();

	private final List<DefaultKafkaProducerFactory<byte[], byte[]>> factories = new ArrayList<>();

	private final Set<String> clientIds = new HashSet<>();

	/**
	 * Create the factories and templates of the publishing instances and mappings of a
	 * registry.
	 * @param registry the registry
	 */
	public KafkaPublishingTemplates(KafkaInstanceRegistry registry) {
		this(registry, List.of());
	}

	/**
	 * Create the factories and templates of the publishing instances and mappings of a
	 * registry, customizing each template.
	 * @param registry the registry
	 * @param customizers the customizers applied to each template, in order
	 */
	public KafkaPublishingTemplates(KafkaInstanceRegistry registry,
			List<KafkaPublishingTemplateCustomizer> customizers) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(customizers, "'customizers' must not be null");
		for (KafkaInstance instance : registry.getInstances()) {
			KafkaConnection publishing = instance.publishing();
			if (publishing != null) {
				this.instanceTemplates.put(instance.name(),
						createTemplate(publishing.clientProperties(), instance.name(), instance.name(), customizers));
				createMappingTemplates(publishing, instance.publishingMappings(), customizers);
			}
		}
	}

	private void createMappingTemplates(KafkaConnection instance, List<PublishingMapping> mappings,
			List<KafkaPublishingTemplateCustomizer> customizers) {
		for (PublishingMapping mapping : mappings) {
			if (!mapping.producerProperties().equals(instance.clientProperties())) {
				this.mappingTemplates.put(mapping.id(),
						createTemplate(mapping.producerProperties(), mapping.id(), mapping.instance(), customizers));
			}
		}
	}

	private KafkaTemplate<byte[], byte[]> createTemplate(Map<String, Object> properties, String qualifier,
			String instance, List<KafkaPublishingTemplateCustomizer> customizers) {
		Map<String, Object> configs = new LinkedHashMap<>(properties);
		configs.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG,
				(key, clientId) -> uniqueClientId(clientId, qualifier));
		DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(configs);
		this.factories.add(factory);
		KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(factory);
		template.setProducerListener(new ProducerListener<>() {
		});
		customizers.forEach((customizer) -> customizer.customize(instance, template));
		return template;
	}

	private Object uniqueClientId(Object clientId, String qualifier) {
		String candidate = clientId.toString();
		if (!this.clientIds.add(candidate)) {
			candidate = candidate + "-" + qualifier;
			this.clientIds.add(candidate);
		}
		return candidate;
	}

	/**
	 * Return the names of the publishing instances.
	 * @return the instance names, in configuration order
	 */
	public Set<String> getInstanceNames() {
		return Collections.unmodifiableSet(this.instanceTemplates.keySet());
	}

	/**
	 * Return the template of a publishing instance.
	 * @param instance the instance name
	 * @return the template built from the instance's producer properties
	 * @throws IllegalArgumentException if there is no such publishing instance
	 */
	public KafkaTemplate<byte[], byte[]> getTemplate(String instance) {
		KafkaTemplate<byte[], byte[]> template = this.instanceTemplates.get(instance);
		Assert.isTrue(template != null, () -> "No publishing instance named '" + instance + "'; known instances: "
				+ this.instanceTemplates.keySet());
		return template;
	}

	/**
	 * Return the template that sends the records of a mapping: the mapping's own when its
	 * producer properties differ from its instance's, otherwise the instance's.
	 * @param mapping the publishing mapping
	 * @return the template
	 */
	public KafkaTemplate<byte[], byte[]> getTemplate(PublishingMapping mapping) {
		KafkaTemplate<byte[], byte[]> template = this.mappingTemplates.get(mapping.id());
		return (template != null) ? template : getTemplate(mapping.instance());
	}

	/**
	 * Close every producer created so far, which first sends what is pending and waits
	 * for the broker's acknowledgements (up to the factory's close timeout). A later send
	 * creates a new producer.
	 */
	public void close() {
		for (DefaultKafkaProducerFactory<byte[], byte[]> factory : this.factories) {
			try {
				factory.destroy();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to close a Kafka events producer", ex);
			}
		}
	}

	@Override
	public void destroy() {
		close();
	}

}
