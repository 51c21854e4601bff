package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventMetadata;
import dev.kafkaevents.events.EventParams;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring AOT processes the auto-configuration: code is generated for every
 * bean, including the template of each publishing instance, and runtime hints cover what
 * is reached by reflection. The generated code is run by the sample application's AOT
 * integration test.
 *
 * @author kafka-events
 */
class KafkaEventsAotTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.catalog";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.audit";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
				KafkaEventsAutoConfiguration.class, KafkaEventsPublishingAutoConfiguration.class))
		.withUserConfiguration(HandlerConfiguration.class)
		.withPropertyValues(CONSUMING + ".clientId=catalog", CONSUMING + ".brokers=localhost:1",
				CONSUMING + ".topics[0].topic=catalog.entity.created",
				CONSUMING + ".topics[0].kafka.topics=catalog-entity-created",
				CONSUMING + ".topics[0].kafka.groupId=catalog", PUBLISHING + ".clientId=audit",
				PUBLISHING + ".brokers=localhost:1", PUBLISHING + ".topics[0].topic=catalog.entity.created",
				PUBLISHING + ".topics[0].kafka.topic=catalog-entity-audit");

	@Test
	void codeIsGeneratedForTheTemplateOfEachPublishingInstanceWithItsQualifier() {
		processAheadOfTime((source, hints) -> assertThat(source).contains("\"kafkaEventsTemplate.audit\"")
			.contains("KafkaEventsTemplatesRegistrar.template(")
			.contains("addIndexedArgumentValue(1, \"audit\")")
			.contains("new AutowireCandidateQualifier(\"org.springframework.beans.factory.annotation.Qualifier\", "
					+ "\"audit\")")
			.contains("setDefaultCandidate(false)"));
	}

	@Test
	void eventHandlerMethodsAreInvocableAndTheirPayloadTypesBindable() {
		processAheadOfTime((source, hints) -> {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handler.class, "onEntity"))
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handler.class, "onEvent")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Entity.class)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Entity.class, "ref")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(EventParams.class)).rejects(hints);
		});
	}

	@Test
	void saslLoginModulesTheOAuthCallbackHandlerAndTheSslBundleEngineFactoryAreInstantiable() {
		processAheadOfTime((source, hints) -> {
			for (Class<?> type : new Class<?>[] { PlainLoginModule.class, ScramLoginModule.class,
					OAuthBearerLoginModule.class, OAuthBearerLoginCallbackHandler.class,
					SslBundleEngineFactory.class }) {
				assertThat(RuntimeHintsPredicates.reflection()
					.onType(type)
					.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
			}
		});
	}

	private void processAheadOfTime(BiConsumer<String, RuntimeHints> assertions) {
		this.contextRunner.prepare((context) -> {
			InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
			DefaultGenerationContext generationContext = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get("com.example", "AotTestApplication")), files);
			new ApplicationContextAotGenerator().processAheadOfTime(
					(GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			assertions.accept(sources(files), generationContext.getRuntimeHints());
		});
	}

	private static String sources(InMemoryGeneratedFiles files) {
		return files.getGeneratedFiles(Kind.SOURCE)
			.values()
			.stream()
			.map(KafkaEventsAotTests::content)
			.collect(Collectors.joining("\n"));
	}

	private static String content(InputStreamSource source) {
		try (InputStream content = source.getInputStream()) {
			return new String(content.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

	static class Handler {

		@EventHandler("catalog.entity.created")
		void onEntity(Entity entity, EventMetadata metadata) {
		}

		@EventHandler("catalog.entity.deleted")
		void onEvent(EventParams event) {
		}

	}

	record Entity(String ref) {

	}

}
