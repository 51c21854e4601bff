package dev.kafkaevents.autoconfigure.kafka;

import java.util.Map;
import java.util.Set;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.Assert;

/**
 * Registers the {@link KafkaTemplate} of each publishing instance as a bean named
 * {@code kafkaEventsTemplate.<instance>} with the qualifier {@code <instance>}. The beans
 * are not default candidates: they are injected only where that qualifier is asked for,
 * and never count for conditions such as Spring Boot's
 * {@code @ConditionalOnMissingBean(KafkaTemplate.class)}.
 * <p>
 * Bean definitions are registered before any bean exists, the
 * {@code KafkaInstanceRegistry} included, so only the names of the publishing instances
 * are read from the configuration here; each template is the one
 * {@link KafkaPublishingTemplates} built from the registry's instance of that name.
 *
 * @author kafka-events
 */
class KafkaEventsTemplatesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String BEAN_NAME_PREFIX = "kafkaEventsTemplate.";

	private static final String PUBLISHING_NAME = "events.modules.kafka.kafka-publishing-event-consumer";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		for (String instance : instanceNames()) {
			String name = BEAN_NAME_PREFIX + instance;
			if (!registry.containsBeanDefinition(name)) {
				registry.registerBeanDefinition(name, templateDefinition(instance));
			}
		}
	}

	private Set<String> instanceNames() {
		Assert.state(this.environment != null, "No environment");
		try {
			return Binder.get(this.environment)
				.bind(PUBLISHING_NAME, Bindable.mapOf(String.class, Publishing.class))
				.map(Map::keySet)
				.orElse(Set.of());
		}
		catch (BindException ex) {
			return Set.of();
		}
	}

	private RootBeanDefinition templateDefinition(String instance) {
		RootBeanDefinition definition = new RootBeanDefinition(KafkaEventsTemplatesRegistrar.class);
		definition.setFactoryMethodName("template");
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, instance);
		definition.setTargetType(ResolvableType.forClassWithGenerics(KafkaTemplate.class, byte[].class, byte[].class));
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, instance));
		definition.setDefaultCandidate(false);
		return definition;
	}

	/**
	 * Return the template of a publishing instance: the factory method of the beans this
	 * registrar defines, which Spring AOT can generate code for, unlike an instance
	 * supplier.
	 * @param templates the templates of the publishing instances
	 * @param instance the name of the instance
	 * @return the template
	 */
	static KafkaTemplate<byte[], byte[]> template(KafkaPublishingTemplates templates, String instance) {
		return templates.getTemplate(instance);
	}

}
