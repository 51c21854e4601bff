package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.Ssl;
import dev.kafkaevents.kafka.security.SslBundleEngineFactory;
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
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;

/**
 * Validates the {@code ssl} block of an instance and maps it to Kafka client properties,
 * reporting every problem with the path of the property to fix and never with a secret's
 * value.
 * <p>
 * {@code ssl: true} keeps the client's own TLS support with the JVM's default trust.
 * {@code ca}, {@code cert}, {@code key} and {@code passphrase} are read with Spring
 * Boot's PEM support into an {@link SslBundle}; {@code bundle} names one; either way, and
 * whenever {@code rejectUnauthorized} is false, the client gets an
 * {@link SslBundleEngineFactory}.
 *
 * @author kafka-events
 */
final class TlsClientProperties {

	private static final String PEM_ACTION = "Set %s to PEM content or to a readable location such as file:/path/to/file.pem.";

	private final ResourceLoader resourceLoader;

	private final @Nullable SslBundles sslBundles;

	TlsClientProperties(ResourceLoader resourceLoader, @Nullable SslBundles sslBundles) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		this.resourceLoader = resourceLoader;
		this.sslBundles = sslBundles;
	}

	/**
	 * Validate the ssl block of an instance with TLS on and derive its TLS properties.
	 * @param path the path of the ssl block
	 * @param ssl the ssl block
	 * @param problems where problems are reported
	 * @return the Kafka client properties, empty when the client's own TLS support with
	 * the JVM's default trust is enough
	 */
	Map<String, Object> properties(String path, Ssl ssl, ConfigurationProblems problems) {
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

	private @Nullable SslBundle namedBundle(String path, Ssl ssl, ConfigurationProblems problems) {
		String bundlePath = path + ".bundle";
		String name = problems.requiredText(bundlePath, ssl.getBundle(), "the name of a Spring Boot SSL bundle");
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

	private @Nullable SslBundle pemBundle(String path, Ssl ssl, ConfigurationProblems problems) {
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
					problems.requiredText(path + ".cert", ssl.getCert(), "the client certificate"), problems);
			PrivateKey key = privateKey(path,
					problems.requiredText(path + ".key", ssl.getKey(), "the client private key"), ssl.getPassphrase(),
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

	private List<X509Certificate> certificates(String path, String value, ConfigurationProblems problems) {
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

	private @Nullable PrivateKey privateKey(String path, String value, @Nullable String passphrase,
			ConfigurationProblems problems) {
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

	private @Nullable String read(String path, String value, boolean secret, ConfigurationProblems problems) {
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

	private static boolean usable(String path, SslBundle bundle, ConfigurationProblems problems) {
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

}
