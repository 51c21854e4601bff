package dev.kafkaevents.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.kafkaevents.autoconfigure.kafka.InvalidKafkaEventsConfigurationException.Problem;
import dev.kafkaevents.kafka.ConsumingMapping;
import dev.kafkaevents.kafka.KafkaInstanceRegistry;
import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that each invalid configuration fails startup with a problem naming the full
 * property path and what to do, explained by
 * {@link InvalidKafkaEventsConfigurationFailureAnalyzer}.
 *
 * @author kafka-events
 */
class KafkaEventsConfigurationValidationTests {

	private static final String CONSUMING = "events.modules.kafka.kafkaConsumingEventPublisher.dev";

	private static final String PUBLISHING = "events.modules.kafka.kafkaPublishingEventConsumer.dev";

	private static final String PASSWORD = "Never-Print-Me-4711";

	@Test
	void validConfigurationWithUnreachableBrokersStarts() {
		consuming((properties) -> properties.put(CONSUMING + ".brokers", "localhost:1")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).consumerProperties())
				.containsEntry("bootstrap.servers", "localhost:1");
		});
	}

	@Test
	void missingClientIdNamesThePropertyToSet() {
		consuming((properties) -> properties.remove(CONSUMING + ".clientId")).run(failsWith(CONSUMING + ".clientId",
				"Missing required config value.", "Set " + CONSUMING + ".clientId to the Kafka client id."));
	}

	@Test
	void emptyClientIdNamesThePropertyToSet() {
		consuming((properties) -> properties.put(CONSUMING + ".clientId", "")).run(failsWith(CONSUMING + ".clientId",
				"The value must not be empty.", "Set " + CONSUMING + ".clientId to the Kafka client id."));
	}

	@Test
	void missingBrokersNamesThePropertyToSet() {
		consuming((properties) -> properties.remove(CONSUMING + ".brokers"))
			.run(failsWith(CONSUMING + ".brokers", "Missing required config value.",
					"Set " + CONSUMING + ".brokers to the bootstrap brokers as host:port, or set "
							+ "spring.kafka.bootstrap-servers to use Spring Boot's Kafka connection for every "
							+ "instance without brokers."));
	}

	@Test
	void emptyBrokersNamesThePropertyToSet() {
		consuming((properties) -> properties.put(CONSUMING + ".brokers", "")).run(failsWith(CONSUMING + ".brokers",
				"The list must not be empty.", "Set " + CONSUMING + ".brokers to the bootstrap brokers as host:port."));
	}

	@Test
	void malformedBrokerNamesItsEntryAndTheFormToUse() {
		consuming((properties) -> properties.put(CONSUMING + ".brokers", "kafka1:9092,kafka2:port"))
			.run(failsWith(CONSUMING + ".brokers[1]", "'kafka2:port' is not a broker address.", "Set " + CONSUMING
					+ ".brokers[1] to host:port, such as kafka1:9092 or [::1]:9092 (without a port, Kafka's default "
					+ "port 9092 is used)."));
	}

	@Test
	void brokerWithoutPortTakesKafkasDefaultPort() {
		consuming((properties) -> properties.put(CONSUMING + ".brokers", "kafka1,[::1],kafka2:9093"))
			.run((context) -> assertThat(
					context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).consumerProperties())
				.containsEntry("bootstrap.servers", "kafka1:9092,[::1]:9092,kafka2:9093"));
	}

	@Test
	void nonNumericValueOfANumericClientPropertyNamesIt() {
		String property = CONSUMING + ".topics[0].kafka.properties[fetch.min.bytes]";
		consuming((properties) -> properties.put(property, "abc")).run(failsWith(property,
				"The value 'abc' is not valid for the Kafka client's fetch.min.bytes: Not a number of type INT.",
				"Set " + property + " to a valid fetch.min.bytes (type int"));
	}

	@Test
	void unknownEnumValueOfAClientPropertyNamesIt() {
		String property = CONSUMING + ".properties[auto.offset.reset]";
		consuming((properties) -> properties.put(property, "sometimes")).run(failsWith(property,
				"The value 'sometimes' is not valid for the Kafka client's auto.offset.reset", "Set " + property));
	}

	@Test
	void serializerOverrideThatIsNoSerializerNamesIt() {
		String property = PUBLISHING + ".topics[0].kafka.properties[value.serializer]";
		publishing((properties) -> properties.put(property, "java.lang.String")).run(failsWith(property,
				"java.lang.String is not a org.apache.kafka.common.serialization.Serializer", "Set " + property));
	}

	@Test
	void serializerOverrideThatCannotBeLoadedNamesIt() {
		String property = PUBLISHING + ".properties[key.serializer]";
		publishing((properties) -> properties.put(property, "com.example.MissingSerializer"))
			.run(failsWith(property, "Class com.example.MissingSerializer could not be found", "Set " + property));
	}

	@Test
	void rawBootstrapServersWithoutPortNamesThem() {
		String property = PUBLISHING + ".properties[bootstrap.servers]";
		publishing((properties) -> properties.put(property, "kafka1:9092,broker1"))
			.run(failsWith(property, "'broker1' is not host:port", "Set " + property));
	}

	@Test
	void illegalKafkaTopicNamesAreRejected() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.topics", "topic-A,catalog events"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.topics[1]",
					"'catalog events' is not a legal Kafka topic name.", "Set " + CONSUMING
							+ ".topics[0].kafka.topics[1] to at most 249 ASCII letters, digits, '.', '_' or '-'"));
		publishing((properties) -> properties.put(PUBLISHING + ".topics[0].kafka.topic", ".."))
			.run(failsWith(PUBLISHING + ".topics[0].kafka.topic", "'..' is not a legal Kafka topic name.",
					"(not '.' or '..' alone)"));
	}

	@Test
	void clientPropertiesUnknownToKafkaAreLeftAlone() {
		consuming((properties) -> properties.put(CONSUMING + ".properties[custom.setting]", "anything"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void deadLetterTopicConsumedByTheSameMappingNamesThePropertyToSet() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].deadLetterTopic", "topic-A"))
			.run(failsWith(CONSUMING + ".topics[0].deadLetterTopic",
					"the dead-letter topic 'topic-A' is also consumed by this mapping",
					"Set " + CONSUMING + ".topics[0].deadLetterTopic to a topic that " + CONSUMING
							+ ".topics[0].kafka.topics does not list."));
	}

	@Test
	void deadLetterTopicTrueGivesEachKafkaTopicItsDefaultDeadLetterTopic() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.topics", "topic-A,topic-B");
			properties.put(CONSUMING + ".topics[0].deadLetterTopic", "true");
		}).run((context) -> {
			ConsumingMapping mapping = context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0);
			assertThat(mapping.deadLetterTopic()).isNull();
			assertThat(mapping.deadLetterTopics()).containsExactly("topic-A.dead-letter", "topic-B.dead-letter");
		});
	}

	@Test
	void deadLetterTopicFalseOrANameKeepsWorkingAsBefore() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].deadLetterTopic", "false"))
			.run((context) -> assertThat(
					context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).deadLetterTopics())
				.isEmpty());
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].deadLetterTopic", "failed-events"))
			.run((context) -> assertThat(
					context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).deadLetterTopics())
				.containsExactly("failed-events"));
	}

	@Test
	void retryModeBindsInKebabCase() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].retry.attempts", "3");
			properties.put(CONSUMING + ".topics[0].retry.mode", "pause-partition");
		}).run((context) -> assertThat(
				context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).retry().mode())
			.isEqualTo(RetryMode.PAUSE_PARTITION));
	}

	@Test
	void retryTopicsWithoutADeadLetterTopicNamesThePropertyToSet() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].retry.attempts", "3");
			properties.put(CONSUMING + ".topics[0].retry.mode", "topics");
		}).run(failsWith(CONSUMING + ".topics[0].retry.mode", "retry topics need a dead-letter topic",
				"Set " + CONSUMING + ".topics[0].deadLetterTopic to true or to a topic name, or " + CONSUMING
						+ ".topics[0].retry.mode to blocking."));
	}

	@Test
	void retryTopicsWithoutRetriesNamesThePropertyToSet() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].deadLetterTopic", "true");
			properties.put(CONSUMING + ".topics[0].retry.mode", "topics");
		}).run(failsWith(CONSUMING + ".topics[0].retry.mode", "retry topics need retry.attempts of 2 or more.",
				"Set " + CONSUMING + ".topics[0].retry.attempts to 2 or more."));
	}

	@Test
	void retryAttemptsBelowOneNamesThePropertyToSet() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].retry.attempts", "0"))
			.run(failsWith(CONSUMING + ".topics[0].retry.attempts", "attempts must be at least 1, was 0.",
					"Set " + CONSUMING + ".topics[0].retry.attempts to 1 (no retry) or more."));
	}

	@Test
	void missingTopicsNamesThePropertyToSet() {
		consuming((properties) -> properties.keySet().removeIf((key) -> key.startsWith(CONSUMING + ".topics")))
			.run(failsWith(CONSUMING + ".topics", "Missing required config value.",
					"Set " + CONSUMING + ".topics to the list of topic mappings."));
	}

	@Test
	void missingEventsTopicOfAConsumingMappingNamesThePropertyToSet() {
		consuming((properties) -> properties.remove(CONSUMING + ".topics[0].topic"))
			.run(failsWith(CONSUMING + ".topics[0].topic", "Missing required config value.",
					"Set " + CONSUMING + ".topics[0].topic to the events topic to publish to."));
	}

	@Test
	void missingKafkaTopicsNamesThePropertyToSet() {
		consuming((properties) -> properties.remove(CONSUMING + ".topics[0].kafka.topics"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.topics", "Missing required config value.",
					"Set " + CONSUMING + ".topics[0].kafka.topics to the Kafka topics to consume."));
	}

	@Test
	void missingGroupIdNamesThePropertyToSet() {
		consuming((properties) -> properties.remove(CONSUMING + ".topics[0].kafka.groupId"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.groupId", "Missing required config value.",
					"Set " + CONSUMING + ".topics[0].kafka.groupId to the consumer group id."));
	}

	@Test
	void missingEventsTopicOfAPublishingMappingNamesThePropertyToSet() {
		publishing((properties) -> properties.remove(PUBLISHING + ".topics[0].topic"))
			.run(failsWith(PUBLISHING + ".topics[0].topic", "Missing required config value.",
					"Set " + PUBLISHING + ".topics[0].topic to the events topic to subscribe to."));
	}

	@Test
	void missingKafkaTopicOfAPublishingMappingNamesThePropertyToSet() {
		publishing((properties) -> properties.remove(PUBLISHING + ".topics[0].kafka.topic"))
			.run(failsWith(PUBLISHING + ".topics[0].kafka.topic", "Missing required config value.",
					"Set " + PUBLISHING + ".topics[0].kafka.topic to the Kafka topic to send to."));
	}

	@Test
	void missingTopicsOfAPublishingInstanceNamesThePropertyToSet() {
		publishing((properties) -> properties.keySet().removeIf((key) -> key.startsWith(PUBLISHING + ".topics")))
			.run(failsWith(PUBLISHING + ".topics", "Missing required config value.",
					"Set " + PUBLISHING + ".topics to the list of topic mappings."));
	}

	@Test
	void saslWithoutUsernameNamesThePropertyToSetWithoutPrintingThePassword() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".sasl.mechanism", "plain");
			properties.put(CONSUMING + ".sasl.password", PASSWORD);
		}).run(failsWith(CONSUMING + ".sasl.username", "Missing required config value.",
				"Set " + CONSUMING + ".sasl.username to the SASL user name."));
	}

	@Test
	void saslWithoutPasswordNamesThePropertyToSet() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".sasl.mechanism", "scram-sha-512");
			properties.put(CONSUMING + ".sasl.username", "alice");
		}).run(failsWith(CONSUMING + ".sasl.password", "Missing required config value.",
				"Set " + CONSUMING + ".sasl.password to the SASL password."));
	}

	@Test
	void saslWithoutMechanismListsTheMechanisms() {
		publishing((properties) -> {
			properties.put(PUBLISHING + ".sasl.username", "alice");
			properties.put(PUBLISHING + ".sasl.password", PASSWORD);
		}).run(failsWith(PUBLISHING + ".sasl.mechanism", "SASL is configured without a mechanism.",
				"Set " + PUBLISHING + ".sasl.mechanism to one of oauthbearer, plain, scram-sha-256, scram-sha-512."));
	}

	@Test
	void unreadableDurationIsRejectedByThePostProcessorWithItsPath() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.sessionTimeout", "half a minute"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.sessionTimeout",
					"Invalid duration 'half a minute': it is not a duration.",
					"Set " + CONSUMING + ".topics[0].kafka.sessionTimeout to an ISO-8601 duration such as PT30S"));
	}

	@Test
	void durationObjectWithAnUnknownUnitIsRejectedWithThePathOfTheDuration() {
		consuming((properties) -> properties.put(CONSUMING + ".retry.maxRetryTime.fortnights", "1")).run(failsWith(
				CONSUMING + ".retry.maxRetryTime", "Invalid duration '{fortnights=1}': unknown property 'fortnights'",
				"Set " + CONSUMING + ".retry.maxRetryTime to an ISO-8601 duration"));
	}

	@Test
	void negativeDurationIsRejected() {
		publishing((properties) -> properties.put(PUBLISHING + ".requestTimeout", "-5"))
			.run(failsWith(PUBLISHING + ".requestTimeout", "a duration must not be negative",
					"Set " + PUBLISHING + ".requestTimeout to an ISO-8601 duration"));
	}

	@Test
	void heartbeatIntervalNotBelowSessionTimeoutNamesBothProperties() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.sessionTimeout", "10s");
			properties.put(CONSUMING + ".topics[0].kafka.heartbeatInterval.seconds", "10");
		}).run(failsWith(CONSUMING + ".topics[0].kafka.heartbeatInterval",
				"heartbeatInterval (10000 ms) must be below sessionTimeout (10000 ms).",
				"Set " + CONSUMING + ".topics[0].kafka.heartbeatInterval below " + CONSUMING
						+ ".topics[0].kafka.sessionTimeout, typically a third of it."));
	}

	@Test
	void heartbeatIntervalNotBelowTheClientsDefaultSessionTimeoutIsRejected() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.heartbeatInterval", "1m")).run(failsWith(
				CONSUMING + ".topics[0].kafka.heartbeatInterval",
				"heartbeatInterval (60000 ms) must be below sessionTimeout (45000 ms).", "typically a third of it"));
	}

	@Test
	void legacyFormOnThePublishingSideIsRejected() {
		publishingLegacy().run(failsWith("events.modules.kafka.kafkaPublishingEventConsumer.clientId",
				"kafkaPublishingEventConsumer takes named instances only",
				"Move clientId, brokers and topics under events.modules.kafka.kafkaPublishingEventConsumer.<instance>"));
	}

	@Test
	void missingPemFileForACaNamesThePropertyAndTheLocation() {
		consuming((properties) -> properties.put(CONSUMING + ".ssl.ca[0]", "/no/such/dir/ca.pem"))
			.run(failsWith(CONSUMING + ".ssl.ca[0]", "PEM content or resource '/no/such/dir/ca.pem' cannot be read",
					"Set " + CONSUMING + ".ssl.ca[0] to PEM content or to a readable location"));
	}

	@Test
	void missingPemFileForAClientKeyNeverPrintsTheValue() {
		String notAKey = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + PASSWORD;
		consuming((properties) -> {
			properties.put(CONSUMING + ".ssl.cert", "-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----");
			properties.put(CONSUMING + ".ssl.key", notAKey);
		}).run(failsWith(CONSUMING + ".ssl.key", "The value is neither PEM content nor a readable resource.",
				"Set " + CONSUMING + ".ssl.key to PEM content or to a readable location"));
	}

	@Test
	void clientKeyWithoutCertificateNamesTheMissingCertificate() {
		consuming((properties) -> properties.put(CONSUMING + ".ssl.key",
				"-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
			.run(failsWith(CONSUMING + ".ssl.cert", "Missing required config value.",
					"Set " + CONSUMING + ".ssl.cert to the client certificate."));
	}

	@Test
	void unknownSslBundleNamesThePropertyToFix() {
		consuming((properties) -> properties.put(CONSUMING + ".ssl.bundle", "kafka"))
			.run(failsWith(CONSUMING + ".ssl.bundle", "There is no SSL bundle named 'kafka'.",
					"Define spring.ssl.bundle.pem.kafka or spring.ssl.bundle.jks.kafka"));
	}

	@Test
	void sslBundleCombinedWithPemSettingsIsRejected() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".ssl.bundle", "kafka");
			properties.put(CONSUMING + ".ssl.ca", "-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----");
		}).withBean(SslBundles.class, KafkaEventsConfigurationValidationTests::sslBundles)
			.run(failsWith(CONSUMING + ".ssl.bundle", "An SSL bundle cannot be combined with ca, cert or key.",
					"Remove either " + CONSUMING + ".ssl.bundle or " + CONSUMING + ".ssl.ca"));
	}

	@Test
	void sslBundleMapsToTheSslBundleEngineFactory() {
		consuming((properties) -> properties.put(CONSUMING + ".ssl.bundle", "kafka"))
			.withBean(SslBundles.class, KafkaEventsConfigurationValidationTests::sslBundles)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SslBundle bundle = context.getBean(SslBundles.class).getBundle("kafka");
				assertThat(
						context.getBean(KafkaInstanceRegistry.class).getConsumingMappings().get(0).consumerProperties())
					.contains(entry("security.protocol", "SSL"),
							entry("ssl.engine.factory.class", SslBundleEngineFactory.class),
							entry(SslBundle.class.getName(), bundle))
					.doesNotContainKeys("ssl.truststore.type", "ssl.truststore.certificates");
			});
	}

	@Test
	void valueOutOfTheRangeOfItsKafkaPropertyNamesTheProperty() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.rebalanceTimeout", "30d"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.rebalanceTimeout",
					"The value (2592000000 ms) is out of the range of max.poll.interval.ms.",
					"Set " + CONSUMING + ".topics[0].kafka.rebalanceTimeout to between 0 and 2147483647 ms."));
	}

	@Test
	void concurrencyBelowOneIsRejected() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.concurrency", "0"))
			.run(failsWith(CONSUMING + ".topics[0].kafka.concurrency", "concurrency must be at least 1, was 0.",
					"Set " + CONSUMING + ".topics[0].kafka.concurrency to 1 or more."));
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		consuming((properties) -> {
			properties.remove(CONSUMING + ".clientId");
			properties.remove(CONSUMING + ".topics[0].kafka.groupId");
		}).run((context) -> {
			InvalidKafkaEventsConfigurationException failure = invalidConfiguration(context);
			assertThat(failure.getProblems()).extracting(Problem::property)
				.containsExactly(CONSUMING + ".clientId", CONSUMING + ".topics[0].kafka.groupId");
			FailureAnalysis analysis = new InvalidKafkaEventsConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("The Kafka events configuration is invalid:\n\n" + "    "
					+ CONSUMING + ".clientId: Missing required config value.\n" + "    " + CONSUMING
					+ ".topics[0].kafka.groupId: Missing required config value.");
			assertThat(analysis.getAction()).isEqualTo("Update your application's configuration:\n\n" + "    Set "
					+ CONSUMING + ".clientId to the Kafka client id.\n" + "    Set " + CONSUMING
					+ ".topics[0].kafka.groupId to the consumer group id.");
		});
	}

	@Test
	void filterExpressionThatDoesNotParseNamesTheProperty() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].filter", "value.itemId == == 'x'"))
			.run(failsWith(CONSUMING + ".topics[0].filter", "The SpEL expression does not parse",
					"Fix the expression in " + CONSUMING + ".topics[0].filter"));
	}

	@Test
	void publishingFilterExpressionThatDoesNotParseNamesTheProperty() {
		publishing((properties) -> properties.put(PUBLISHING + ".topics[0].filter", "headers['type' == 'x'"))
			.run(failsWith(PUBLISHING + ".topics[0].filter", "The SpEL expression does not parse",
					"Fix the expression in " + PUBLISHING + ".topics[0].filter"));
	}

	@Test
	void missingFilterBeanNamesTheProperty() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].filterBean", "noSuchFilter"))
			.run(failsWith(CONSUMING + ".topics[0].filterBean", "No KafkaEventFilter bean named 'noSuchFilter'.",
					"Define a bean of type KafkaEventFilter named 'noSuchFilter'"));
	}

	@Test
	void avroSchemaThatDoesNotParseNamesTheProperty() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.valueFormat", "avro");
			properties.put(CONSUMING + ".topics[0].kafka.avroSchema", "{\"type\": \"record\", \"name\": \"X\"}");
		}).run(failsWith(CONSUMING + ".topics[0].kafka.avroSchema", "The Avro schema does not parse",
				"Set " + CONSUMING + ".topics[0].kafka.avroSchema to a valid Avro schema."));
	}

	@Test
	void avroFormatWithoutSchemaNamesTheProperty() {
		publishing((properties) -> properties.put(PUBLISHING + ".topics[0].kafka.valueFormat", "avro"))
			.run(failsWith(PUBLISHING + ".topics[0].kafka.avroSchema",
					"The avro value format needs exactly one of avroSchema and avroSchemaLocation.",
					"Set " + PUBLISHING + ".topics[0].kafka.avroSchema to the schema"));
	}

	@Test
	void unreadableAvroSchemaLocationNamesTheProperty() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.valueFormat", "avro");
			properties.put(CONSUMING + ".topics[0].kafka.avroSchemaLocation", "classpath:avro/missing.avsc");
		}).run(failsWith(CONSUMING + ".topics[0].kafka.avroSchemaLocation",
				"The Avro schema at 'classpath:avro/missing.avsc' cannot be read",
				"Set " + CONSUMING + ".topics[0].kafka.avroSchemaLocation to a readable location"));
	}

	@Test
	void unknownValueFormatFailsBindingNamingTheProperty() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.valueFormat", "xml")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("xml");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("dev.topics[0].kafka.value-format");
		});
	}

	@Test
	void shareGroupMappingResolvesAsOne() {
		consuming((properties) -> properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true"))
			.run((context) -> assertThat(context.getBean(KafkaInstanceRegistry.class).getConsumingMappings())
				.singleElement()
				.satisfies((mapping) -> assertThat(mapping.shareGroup()).isTrue()));
	}

	@Test
	void shareGroupWithAutoCommitFalseNamesTheProperty() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true");
			properties.put(CONSUMING + ".topics[0].kafka.autoCommit", "false");
		}).run(failsWith(CONSUMING + ".topics[0].kafka.autoCommit", "a share group acknowledges each record",
				"Remove " + CONSUMING + ".topics[0].kafka.autoCommit"));
	}

	@Test
	void shareGroupWithPauseOnErrorNamesTheProperty() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true");
			properties.put(CONSUMING + ".topics[0].kafka.pauseOnError", "true");
		}).run(failsWith(CONSUMING + ".topics[0].kafka.pauseOnError", "a share group has no partition of its own",
				"Remove " + CONSUMING + ".topics[0].kafka.pauseOnError"));
	}

	@Test
	void shareGroupWithIdempotentNamesTheProperty() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true");
			properties.put(CONSUMING + ".topics[0].idempotent", "true");
		}).run(failsWith(CONSUMING + ".topics[0].idempotent", "a share group acknowledges each record on its own",
				"Remove " + CONSUMING + ".topics[0].idempotent"));
	}

	@Test
	void shareGroupWithRetryTopicsOrTooManyAttemptsNamesTheProperties() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true");
			properties.put(CONSUMING + ".topics[0].deadLetterTopic", "true");
			properties.put(CONSUMING + ".topics[0].retry.mode", "pause-partition");
			properties.put(CONSUMING + ".topics[0].retry.attempts", "11");
		}).run((context) -> {
			failsWith(CONSUMING + ".topics[0].retry.mode", "retry topics and paused partitions do not apply",
					"Remove " + CONSUMING + ".topics[0].retry.mode")
				.accept(context);
			failsWith(CONSUMING + ".topics[0].retry.attempts", "at most 10, was 11",
					"Set " + CONSUMING + ".topics[0].retry.attempts to 10 or less.")
				.accept(context);
		});
	}

	@Test
	void shareGroupWithConsumerGroupSettingsNamesThem() {
		consuming((properties) -> {
			properties.put(CONSUMING + ".topics[0].kafka.shareGroup", "true");
			properties.put(CONSUMING + ".topics[0].kafka.sessionTimeout", "10s");
			properties.put(CONSUMING + ".topics[0].kafka.properties[isolation.level]", "read_committed");
		}).run((context) -> {
			failsWith(CONSUMING + ".topics[0].kafka.sessionTimeout", "share.session.timeout.ms decides it",
					"Remove " + CONSUMING + ".topics[0].kafka.sessionTimeout")
				.accept(context);
			failsWith(CONSUMING + ".topics[0].kafka.properties[isolation.level]",
					"a share consumer refuses isolation.level",
					"Remove " + CONSUMING + ".topics[0].kafka.properties[isolation.level].")
				.accept(context);
		});
	}

	private static ApplicationContextRunner consuming(Consumer<Map<String, String>> change) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(CONSUMING + ".clientId", "backstage-events");
		properties.put(CONSUMING + ".brokers", "kafka1:9092");
		properties.put(CONSUMING + ".topics[0].topic", "events");
		properties.put(CONSUMING + ".topics[0].kafka.topics", "topic-A");
		properties.put(CONSUMING + ".topics[0].kafka.groupId", "my-group");
		return runner(properties, change);
	}

	private static ApplicationContextRunner publishing(Consumer<Map<String, String>> change) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(PUBLISHING + ".clientId", "backstage-events");
		properties.put(PUBLISHING + ".brokers", "kafka1:9092");
		properties.put(PUBLISHING + ".topics[0].topic", "events");
		properties.put(PUBLISHING + ".topics[0].kafka.topic", "topic-A");
		return runner(properties, change);
	}

	private static ApplicationContextRunner publishingLegacy() {
		String block = "events.modules.kafka.kafkaPublishingEventConsumer";
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(block + ".clientId", "backstage-events");
		properties.put(block + ".brokers", "kafka1:9092");
		properties.put(block + ".topics[0].topic", "events");
		properties.put(block + ".topics[0].kafka.topic", "topic-A");
		return runner(properties, (unchanged) -> {
		});
	}

	private static ApplicationContextRunner runner(Map<String, String> properties,
			Consumer<Map<String, String>> change) {
		change.accept(properties);
		return KafkaEventsContextRunners.withYaml()
			.withPropertyValues(properties.entrySet()
				.stream()
				.map((property) -> property.getKey() + "=" + property.getValue())
				.toArray(String[]::new));
	}

	private static SslBundles sslBundles() {
		return new DefaultSslBundleRegistry("kafka", SslBundle.of(SslStoreBundle.NONE));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String description,
			String action) {
		return (context) -> {
			InvalidKafkaEventsConfigurationException failure = invalidConfiguration(context);
			assertThat(failure.getProblems()).anySatisfy((problem) -> {
				assertThat(problem.property()).isEqualTo(property);
				assertThat(problem.description()).contains(description);
				assertThat(problem.action()).contains(action);
			});
			FailureAnalysis analysis = new InvalidKafkaEventsConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("    " + property + ": ").contains(description);
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getDescription() + analysis.getAction() + failure.getMessage())
				.doesNotContain(PASSWORD);
		};
	}

	private static InvalidKafkaEventsConfigurationException invalidConfiguration(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidKafkaEventsConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("cause of %s", context.getStartupFailure())
			.isInstanceOf(InvalidKafkaEventsConfigurationException.class);
		return (InvalidKafkaEventsConfigurationException) failure;
	}

}
