package dev.kafkaevents.kafka.security;

import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Kafka {@link SslEngineFactory} that creates the client's TLS engines from a Spring Boot
 * {@link SslBundle} held in the client configuration.
 * <p>
 * Configure a client with {@link #clientProperties(SslBundle, boolean)}. The bundle
 * travels under the key {@link #SSL_BUNDLE_CONFIG}, the key Spring Boot's own Kafka
 * support uses; the SSL context is created once per client, and the bundle's ciphers and
 * protocols, when set, restrict the engines.
 *
 * @author kafka-events
 */
public class SslBundleEngineFactory implements SslEngineFactory {

	/**
	 * Client configuration key of the {@link SslBundle}.
	 */
	public static final String SSL_BUNDLE_CONFIG = SslBundle.class.getName();

	private @Nullable Map<String, ?> configs;

	private @Nullable SslBundle bundle;

	private @Nullable SSLContext context;

	/**
	 * Return the client properties that make a Kafka client connect with the given
	 * bundle.
	 * @param bundle the bundle providing key material and trust
	 * @param verifyServer whether the broker's certificate and host name are verified;
	 * when {@code false} any certificate is accepted, which is insecure
	 * @return the client properties
	 */
	public static Map<String, Object> clientProperties(SslBundle bundle, boolean verifyServer) {
		Assert.notNull(bundle, "'bundle' must not be null");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleEngineFactory.class);
		properties.put(SSL_BUNDLE_CONFIG, verifyServer ? bundle : trustingAnyServer(bundle));
		if (!verifyServer) {
			properties.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
		}
		return properties;
	}

	/**
	 * Return the client properties restricted to the configuration names of another kind
	 * of client, such as an admin client built from consumer properties, keeping the
	 * {@link #SSL_BUNDLE_CONFIG SSL bundle}, which is not a Kafka configuration name but
	 * which the engine factory needs.
	 * @param properties the client properties
	 * @param configNames the configuration names of the other client, for example
	 * {@code AdminClientConfig.configNames()}
	 * @return a mutable copy with only the names kept
	 */
	public static Map<String, Object> retain(Map<String, ?> properties, Set<String> configNames) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(configNames, "'configNames' must not be null");
		Map<String, Object> retained = new LinkedHashMap<>();
		properties.forEach((name, value) -> {
			if (configNames.contains(name) || SSL_BUNDLE_CONFIG.equals(name)) {
				retained.put(name, value);
			}
		});
		return retained;
	}

	private static SslBundle trustingAnyServer(SslBundle bundle) {
		SslManagerBundle managers = SslManagerBundle.of(bundle.getManagers().getKeyManagerFactory(),
				SslManagerBundle.from(new TrustAnyServerTrustManager()).getTrustManagerFactory());
		return SslBundle.of(bundle.getStores(), bundle.getKey(), bundle.getOptions(), bundle.getProtocol(), managers);
	}

	@Override
	public void configure(Map<String, ?> configs) {
		Object bundle = configs.get(SSL_BUNDLE_CONFIG);
		Assert.state(bundle instanceof SslBundle, () -> "'" + SSL_BUNDLE_CONFIG + "' must hold an SslBundle");
		this.configs = configs;
		this.bundle = (SslBundle) bundle;
		this.context = this.bundle.createSslContext();
	}

	@Override
	public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
		SSLEngine engine = context().createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(true);
		SSLParameters parameters = parameters(engine);
		if (StringUtils.hasLength(endpointIdentification)) {
			parameters.setEndpointIdentificationAlgorithm(endpointIdentification);
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	@Override
	public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
		SSLEngine engine = context().createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(false);
		engine.setSSLParameters(parameters(engine));
		return engine;
	}

	private SSLParameters parameters(SSLEngine engine) {
		SSLParameters parameters = engine.getSSLParameters();
		SslOptions options = bundle().getOptions();
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		return parameters;
	}

	@Override
	public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
		return !nextConfigs.equals(this.configs);
	}

	@Override
	public Set<String> reconfigurableConfigs() {
		return Set.of(SSL_BUNDLE_CONFIG);
	}

	@Override
	public @Nullable KeyStore keystore() {
		return bundle().getStores().getKeyStore();
	}

	@Override
	public @Nullable KeyStore truststore() {
		return bundle().getStores().getTrustStore();
	}

	@Override
	public void close() {
	}

	private SslBundle bundle() {
		SslBundle bundle = this.bundle;
		Assert.state(bundle != null, "Not configured");
		return bundle;
	}

	private SSLContext context() {
		SSLContext context = this.context;
		Assert.state(context != null, "Not configured");
		return context;
	}

}
