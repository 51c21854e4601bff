package dev.kafkaevents.autoconfigure.kafka;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Sasl;
import dev.kafkaevents.kafka.SaslMechanism;
import org.apache.kafka.common.config.SaslConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Validates the {@code sasl} block of an instance and maps it to Kafka client properties:
 * {@code sasl.mechanism} and {@code sasl.jaas.config} with the credentials, or Kafka's
 * client credentials support for {@code oauthbearer}. Problems never quote a secret.
 *
 * @author kafka-events
 */
final class SaslClientProperties {

	static final String ALLOWED_TOKEN_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

	static final String OAUTH_LOGIN_CALLBACK_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

	private static final Map<String, String> OAUTH_RUNTIME = Map.of("com.fasterxml.jackson.databind.ObjectMapper",
			"com.fasterxml.jackson.core:jackson-databind", "org.jose4j.keys.resolvers.VerificationKeyResolver",
			"org.bitbucket.b_c:jose4j");

	private SaslClientProperties() {
	}

	static void validate(String path, Sasl sasl, ConfigurationProblems problems) {
		if (!sasl.isConfigured()) {
			return;
		}
		SaslMechanism mechanism = sasl.getMechanism();
		if (mechanism == null) {
			problems.problem(path + ".mechanism", "SASL is configured without a mechanism.",
					"Set " + path + ".mechanism to one of " + supportedMechanisms() + ".");
		}
		else if (mechanism == SaslMechanism.OAUTHBEARER) {
			validateOAuth(path, sasl, problems);
		}
		else {
			problems.requiredText(path + ".username", sasl.getUsername(), "the SASL user name");
			problems.requiredText(path + ".password", sasl.getPassword(), "the SASL password");
			notApplicable(path, sasl.getClientId(), "clientId", "oauthbearer", problems);
			notApplicable(path, sasl.getClientSecret(), "clientSecret", "oauthbearer", problems);
			notApplicable(path, sasl.getScope(), "scope", "oauthbearer", problems);
			notApplicable(path, sasl.getTokenEndpointUrl(), "tokenEndpointUrl", "oauthbearer", problems);
		}
		problems.noEffect(path + ".authorizationIdentity", sasl.getAuthorizationIdentity());
	}

	private static void validateOAuth(String path, Sasl sasl, ConfigurationProblems problems) {
		notApplicable(path, sasl.getUsername(), "username", "plain and scram", problems);
		notApplicable(path, sasl.getPassword(), "password", "plain and scram", problems);
		problems.requiredText(path + ".clientId", sasl.getClientId(), "the OAuth client id");
		problems.requiredText(path + ".clientSecret", sasl.getClientSecret(), "the OAuth client secret");
		String url = problems.requiredText(path + ".tokenEndpointUrl", sasl.getTokenEndpointUrl(),
				"the URL of the OAuth token endpoint");
		if (isHttp(url) && !allowedTokenUrls().contains(url)) {
			problems.problem(path + ".tokenEndpointUrl",
					"The Kafka client refuses the token endpoint '" + url + "' because the JVM system property "
							+ ALLOWED_TOKEN_URLS_PROPERTY + " does not list it.",
					"Start the JVM with -D" + ALLOWED_TOKEN_URLS_PROPERTY + "=" + url
							+ " (a comma-separated list for several endpoints).");
		}
		List<String> missing = OAUTH_RUNTIME.entrySet()
			.stream()
			.filter((entry) -> !ClassUtils.isPresent(entry.getKey(), SaslClientProperties.class.getClassLoader()))
			.map(Map.Entry::getValue)
			.sorted()
			.toList();
		if (!missing.isEmpty()) {
			problems.problem(path + ".mechanism",
					"The Kafka client's OAUTHBEARER support needs " + String.join(" and ", missing)
							+ ", which kafka-clients does not bring.",
					"Add " + String.join(" and ", missing) + " to the application's runtime dependencies.");
		}
	}

	private static boolean isHttp(String url) {
		String lowerCase = url.toLowerCase(Locale.ROOT);
		return lowerCase.startsWith("http://") || lowerCase.startsWith("https://");
	}

	private static List<String> allowedTokenUrls() {
		return Arrays.stream(System.getProperty(ALLOWED_TOKEN_URLS_PROPERTY, "").split(",")).map(String::trim).toList();
	}

	private static void notApplicable(String path, @Nullable String value, String key, String mechanisms,
			ConfigurationProblems problems) {
		if (value != null) {
			problems.problem(path + "." + key, key + " applies only to the " + mechanisms + " SASL mechanism.",
					"Remove " + path + "." + key + ", or set " + path + ".mechanism accordingly.");
		}
	}

	static Map<String, Object> properties(SaslMechanism mechanism, Sasl sasl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
		if (mechanism != SaslMechanism.OAUTHBEARER) {
			properties.put(SaslConfigs.SASL_JAAS_CONFIG, mechanism.loginModule() + " required username=\""
					+ jaasEscape(sasl.getUsername()) + "\" password=\"" + jaasEscape(sasl.getPassword()) + "\";");
			return properties;
		}
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, mechanism.loginModule() + " required;");
		properties.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, OAUTH_LOGIN_CALLBACK_HANDLER);
		properties.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, orEmpty(sasl.getTokenEndpointUrl()));
		properties.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, orEmpty(sasl.getClientId()));
		properties.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, orEmpty(sasl.getClientSecret()));
		if (StringUtils.hasText(sasl.getScope())) {
			properties.put(SaslConfigs.SASL_OAUTHBEARER_SCOPE, sasl.getScope());
		}
		return properties;
	}

	private static String jaasEscape(@Nullable String value) {
		return (value != null)
				? value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") : "";
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static String supportedMechanisms() {
		return Arrays.stream(SaslMechanism.values())
			.map((mechanism) -> mechanism.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.sorted()
			.collect(Collectors.joining(", "));
	}

}
