package dev.kafkaevents.autoconfigure.kafka;

import java.util.Map;
import java.util.Set;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Publishing;
import dev.kafkaevents.kafka.producer.KafkaPublishingTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
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
 *
 * @author kafka-events
 */
class KafkaEventsTemplatesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	static final String BEAN_NAME_PREFIX = "kafkaEventsTemplate.";

	private static final String PUBLISHING_NAME = "events.modules.kafka.kafka-publishing-event-consumer";

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
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
		RootBeanDefinition definition = new RootBeanDefinition(KafkaTemplate.class);
		definition.setTargetType(ResolvableType.forClassWithGenerics(KafkaTemplate.class, byte[].class, byte[].class));
		definition.setInstanceSupplier(() -> template(instance));
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, instance));
		definition.setDefaultCandidate(false);
		return definition;
	}

	private KafkaTemplate<byte[], byte[]> template(String instance) {
		Assert.state(this.beanFactory != null, "No bean factory");
		return this.beanFactory.getBean(KafkaPublishingTemplates.class).getTemplate(instance);
	}

}
