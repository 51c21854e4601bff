package dev.kafkaevents.kafka.security;

import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link SslBundleEngineFactory}.
 *
 * @author kafka-events
 */
class SslBundleEngineFactoryTests {

	private final SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);

	@Test
	void clientPropertiesThatVerifyTheServerKeepTheBundleAndTheEndpointIdentification() {
		assertThat(SslBundleEngineFactory.clientProperties(this.bundle, true)).containsOnly(
				entry("ssl.engine.factory.class", SslBundleEngineFactory.class),
				entry(SslBundleEngineFactory.SSL_BUNDLE_CONFIG, this.bundle));
	}

	@Test
	void clientPropertiesThatDoNotVerifyTheServerTrustAnyCertificateAndSkipTheHostName() {
		Map<String, Object> properties = SslBundleEngineFactory.clientProperties(this.bundle, false);
		assertThat(properties).containsEntry("ssl.endpoint.identification.algorithm", "");
		SslBundle trusting = (SslBundle) properties.get(SslBundleEngineFactory.SSL_BUNDLE_CONFIG);
		assertThat(trusting.getManagers().getTrustManagers()).singleElement()
			.isInstanceOf(TrustAnyServerTrustManager.class);
	}

	@Test
	void clientEnginesUseTheEndpointIdentificationKafkaPassesOn() {
		SslBundleEngineFactory factory = new SslBundleEngineFactory();
		factory.configure(SslBundleEngineFactory.clientProperties(this.bundle, true));
		SSLEngine engine = factory.createClientSslEngine("localhost", 9093, "HTTPS");
		assertThat(engine.getUseClientMode()).isTrue();
		assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		assertThat(factory.createClientSslEngine("localhost", 9093, "")
			.getSSLParameters()
			.getEndpointIdentificationAlgorithm()).isNull();
	}

	@Test
	void configureWithoutABundleFails() {
		assertThatIllegalStateException().isThrownBy(() -> new SslBundleEngineFactory().configure(Map.of()))
			.withMessageContaining(SslBundleEngineFactory.SSL_BUNDLE_CONFIG);
	}

	@Test
	void retainKeepsTheNamesOfTheOtherClientAndTheBundle() {
		Map<String, Object> consumer = Map.of("bootstrap.servers", "localhost:9093", "group.id", "g",
				"ssl.engine.factory.class", SslBundleEngineFactory.class, SslBundleEngineFactory.SSL_BUNDLE_CONFIG,
				this.bundle);
		assertThat(SslBundleEngineFactory.retain(consumer, AdminClientConfig.configNames())).containsOnlyKeys(
				"bootstrap.servers", "ssl.engine.factory.class", SslBundleEngineFactory.SSL_BUNDLE_CONFIG);
		assertThat(SslBundleEngineFactory.retain(Map.of("group.id", "g"), Set.of())).isEmpty();
	}

}
