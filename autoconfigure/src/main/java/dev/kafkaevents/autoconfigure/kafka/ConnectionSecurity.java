package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Sasl;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Ssl;
import dev.kafkaevents.kafka.SaslMechanism;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;

/**
 * Resolves the {@code ssl} and {@code sasl} blocks of an instance into Kafka client
 * properties, reporting every problem with the path of the property to fix and never with
 * a secret's value.
 * <p>
 * {@code ssl: true} keeps the client's own TLS support with the JVM's default trust.
 * {@code ca}, {@code cert}, {@code key} and {@code passphrase} are read with Spring
 * Boot's PEM support into an {@link SslBundle}; {@code bundle} names one; either way, and
 * whenever {@code rejectUnauthorized} is false, the client gets an
 * {@link SslBundleEngineFactory}.
 *
 * @author kafka-events
 */
final class ConnectionSecurity {

	static final String ALLOWED_TOKEN_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

	private static final String OAUTH_LOGIN_CALLBACK_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

	private static final Map<String, String> OAUTH_RUNTIME = Map.of("com.fasterxml.jackson.databind.ObjectMapper",
			"com.fasterxml.jackson.core:jackson-databind", "org.jose4j.keys.resolvers.VerificationKeyResolver",
			"org.bitbucket.b_c:jose4j");

	private static final String PEM_ACTION = "Set %s to PEM content or to a readable location such as file:/path/to/file.pem.";

	private final ResourceLoader resourceLoader;

	private final @Nullable SslBundles sslBundles;

	ConnectionSecurity(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		this.resourceLoader = resourceLoader;
		this.sslBundles = sslBundles;
	}

	/**
	 * Validate the ssl and sasl blocks of an instance and derive its security properties.
	 * @param path the path of the instance
	 * @param ssl the ssl block
	 * @param sasl the sasl block
	 * @param problems where problems are reported
	 * @return the Kafka client properties
	 */
	Map<String, Object> properties(String path, Ssl ssl, Sasl sasl, Problems problems) {
		Map<String, Object> properties = new LinkedHashMap<>();
		boolean tls = ssl.isEffectivelyEnabled();
		SaslMechanism mechanism = sasl.getMechanism();
		validateSasl(path + ".sasl", sasl, problems);
		if (tls || mechanism != null) {
			String protocol = (mechanism != null) ? "SASL_" : "";
			properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol + (tls ? "SSL" : "PLAINTEXT"));
		}
		if (mechanism != null) {
			properties.putAll(saslProperties(mechanism, sasl));
		}
		if (tls) {
			properties.putAll(sslProperties(path + ".ssl", ssl, problems));
		}
		return properties;
	}

	private void validateSasl(String path, Sasl sasl, Problems problems) {
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
			requiredText(path + ".username", sasl.getUsername(), "the SASL user name", problems);
			requiredText(path + ".password", sasl.getPassword(), "the SASL password", problems);
			notApplicable(path, sasl.getClientId(), "clientId", "oauthbearer", problems);
			notApplicable(path, sasl.getClientSecret(), "clientSecret", "oauthbearer", problems);
			notApplicable(path, sasl.getScope(), "scope", "oauthbearer", problems);
			notApplicable(path, sasl.getTokenEndpointUrl(), "tokenEndpointUrl", "oauthbearer", problems);
		}
		problems.noEffect(path + ".authorizationIdentity", sasl.getAuthorizationIdentity());
	}

	private void validateOAuth(String path, Sasl sasl, Problems problems) {
		notApplicable(path, sasl.getUsername(), "username", "plain and scram", problems);
		notApplicable(path, sasl.getPassword(), "password", "plain and scram", problems);
		requiredText(path + ".clientId", sasl.getClientId(), "the OAuth client id", problems);
		requiredText(path + ".clientSecret", sasl.getClientSecret(), "the OAuth client secret", problems);
		String url = requiredText(path + ".tokenEndpointUrl", sasl.getTokenEndpointUrl(),
				"the URL of the OAuth token endpoint", problems);
		if (isHttp(url) && !allowedTokenUrls().contains(url)) {
			problems.problem(path + ".tokenEndpointUrl",
					"The Kafka client refuses the token endpoint '" + url + "' because the JVM system property "
							+ ALLOWED_TOKEN_URLS_PROPERTY + " does not list it.",
					"Start the JVM with -D" + ALLOWED_TOKEN_URLS_PROPERTY + "=" + url
							+ " (a comma-separated list for several endpoints).");
		}
		List<String> missing = OAUTH_RUNTIME.entrySet()
			.stream()
			.filter((entry) -> !ClassUtils.isPresent(entry.getKey(), getClass().getClassLoader()))
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
			Problems problems) {
		if (value != null) {
			problems.problem(path + "." + key, key + " applies only to the " + mechanisms + " SASL mechanism.",
					"Remove " + path + "." + key + ", or set " + path + ".mechanism accordingly.");
		}
	}

	private static Map<String, Object> saslProperties(SaslMechanism mechanism, Sasl sasl) {
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

	private Map<String, Object> sslProperties(String path, Ssl ssl, Problems problems) {
		boolean verify = !Boolean.FALSE.equals(ssl.getRejectUnauthorized());
		SslBundle bundle = (ssl.getBundle() != null) ? namedBundle(path, ssl, problems)
				: pemBundle(path, ssl, problems);
		if (bundle == null && !verify) {
			bundle = SslBundle.of(SslStoreBundle.NONE);
		}
		if (bundle == null || !usable(path, bundle, problems)) {
			return Map.of();
		}
		return SslBundleEngineFactory.clientProperties(bundle, verify);
	}

	private @Nullable SslBundle namedBundle(String path, Ssl ssl, Problems problems) {
		String bundlePath = path + ".bundle";
		String name = requiredText(bundlePath, ssl.getBundle(), "the name of a Spring Boot SSL bundle", problems);
		if (ssl.getCa() != null || ssl.getCert() != null || ssl.getKey() != null) {
			problems.problem(bundlePath, "An SSL bundle cannot be combined with ca, cert or key.",
					"Remove either " + bundlePath + " or " + path + ".ca, " + path + ".cert and " + path + ".key.");
			return null;
		}
		if (ssl.getPassphrase() != null) {
			problems.problem(path + ".passphrase", "A passphrase cannot be combined with an SSL bundle.",
					"Remove " + path + ".passphrase; set the key password in the bundle's own configuration.");
			return null;
		}
		SslBundles sslBundles = this.sslBundles;
		if (sslBundles == null || !sslBundles.getBundleNames().contains(name)) {
			problems.problem(bundlePath, "There is no SSL bundle named '" + name + "'.",
					"Define spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name + ", or set "
							+ bundlePath + " to the name of a defined bundle.");
			return null;
		}
		return sslBundles.getBundle(name);
	}

	private @Nullable SslBundle pemBundle(String path, Ssl ssl, Problems problems) {
		PemSslStore trustStore = null;
		PemSslStore keyStore = null;
		List<String> ca = ssl.getCa();
		if (ca != null && !ca.isEmpty()) {
			List<X509Certificate> certificates = new ArrayList<>();
			for (int i = 0; i < ca.size(); i++) {
				certificates.addAll(certificates(path + ".ca[" + i + "]", ca.get(i), problems));
			}
			trustStore = (!certificates.isEmpty()) ? PemSslStore.of(certificates, null) : null;
		}
		if (ssl.getCert() != null || ssl.getKey() != null) {
			List<X509Certificate> chain = certificates(path + ".cert",
					requiredText(path + ".cert", ssl.getCert(), "the client certificate", problems), problems);
			PrivateKey key = privateKey(path,
					requiredText(path + ".key", ssl.getKey(), "the client private key", problems), ssl.getPassphrase(),
					problems);
			keyStore = (!chain.isEmpty() && key != null) ? PemSslStore.of(chain, key) : null;
		}
		else if (ssl.getPassphrase() != null) {
			problems.problem(path + ".passphrase", "A passphrase is set without a client private key.",
					"Set " + path + ".key to the encrypted private key, or remove " + path + ".passphrase.");
		}
		return (trustStore != null || keyStore != null) ? SslBundle.of(new PemSslStoreBundle(keyStore, trustStore))
				: null;
	}

	private List<X509Certificate> certificates(String path, String value, Problems problems) {
		String pem = read(path, value, false, problems);
		if (pem == null) {
			return List.of();
		}
		try {
			List<X509Certificate> certificates = PemContent.of(pem).getCertificates();
			if (!certificates.isEmpty()) {
				return certificates;
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		problems.problem(path, "No PEM certificate can be read from the value.",
				"Set " + path + " to PEM certificates (-----BEGIN CERTIFICATE-----), or to the location of a file "
						+ "holding them.");
		return List.of();
	}

	private @Nullable PrivateKey privateKey(String path, String value, @Nullable String passphrase, Problems problems) {
		String pem = read(path + ".key", value, true, problems);
		if (pem == null) {
			return null;
		}
		if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
			problems.problem(path + ".key",
					"The client private key is encrypted in OpenSSL's traditional format, " + "which is not supported.",
					"Convert the key to encrypted PKCS#8, for example with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'.");
			return null;
		}
		boolean encrypted = pem.contains("ENCRYPTED");
		try {
			PrivateKey key = PemContent.of(pem).getPrivateKey(passphrase);
			if (key != null) {
				return key;
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		if (encrypted && passphrase == null) {
			problems.problem(path + ".passphrase", "The client private key is encrypted and no passphrase is set.",
					"Set " + path + ".passphrase to the passphrase of " + path + ".key.");
		}
		else if (encrypted) {
			problems.problem(path + ".passphrase", "The passphrase does not decrypt the client private key.",
					"Set " + path + ".passphrase to the passphrase of " + path + ".key.");
		}
		else {
			problems.problem(path + ".key", "No PEM private key can be read from the value.",
					"Set " + path + ".key to a PEM private key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC), "
							+ "or to the location of a file holding it.");
		}
		return null;
	}

	private @Nullable String read(String path, String value, boolean secret, Problems problems) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		if (value.contains("-----BEGIN")) {
			return value;
		}
		String location = value.strip();
		Resource resource = ResourceUtils.isUrl(location) ? this.resourceLoader.getResource(location)
				: new FileSystemResource(location);
		try (InputStream content = resource.getInputStream()) {
			return new String(content.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			String description = secret ? "The value is neither PEM content nor a readable resource."
					: "PEM content or resource '" + location + "' cannot be read (" + ex.getMessage() + ").";
			problems.problem(path, description, String.format(PEM_ACTION, path));
			return null;
		}
	}

	private static boolean usable(String path, SslBundle bundle, Problems problems) {
		try {
			bundle.createSslContext();
			return true;
		}
		catch (RuntimeException ex) {
			problems.problem(path, "The TLS settings cannot be loaded (" + ex.getClass().getSimpleName() + ").",
					"Check " + path + ".ca, " + path + ".cert and " + path + ".key, or the SSL bundle in " + path
							+ ".bundle.");
			return false;
		}
	}

	private static String requiredText(String path, @Nullable String value, String what, Problems problems) {
		if (!StringUtils.hasText(value)) {
			problems.problem(path, (value == null) ? "Missing required config value." : "The value must not be empty.",
					"Set " + path + " to " + what + ".");
			return "";
		}
		return value;
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

	/**
	 * Receives what is wrong with the settings.
	 */
	interface Problems {

		/**
		 * Report a problem that fails startup.
		 * @param path the full path of the property to fix
		 * @param description what is wrong
		 * @param action what to do about it
		 */
		void problem(String path, String description, String action);

		/**
		 * Report a key that is accepted but has no effect, if it is set.
		 * @param path the full path of the key
		 * @param value its value, or {@code null} when not set
		 */
		void noEffect(String path, @Nullable Object value);

	}

}
