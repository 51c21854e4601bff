package dev.kafkaevents.kafka.security;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecurityFailures}, with exception chains shaped like the Kafka
 * client's (the integration tests produce the real ones).
 *
 * @author kafka-events
 */
class SecurityFailuresTests {

	@Test
	void anUntrustedCertificateSaysSoAndPointsAtCaAndRejectUnauthorized() {
		String description = SecurityFailures.describe(handshake(new CertificateException(
				"PKIX path building failed: unable to find valid certification path to requested target")));
		assertThat(description).startsWith("the broker's certificate is not trusted (PKIX path building failed")
			.contains("set ssl.ca", "ssl.rejectUnauthorized to false");
	}

	@Test
	void aCertificateForAnotherHostSaysSo() {
		String description = SecurityFailures
			.describe(handshake(new CertificateException("No subject alternative DNS name matching localhost found.")));
		assertThat(description).startsWith("the broker's certificate is not valid for its host name (No subject "
				+ "alternative DNS name matching localhost found.)");
	}

	@Test
	void rejectedSaslCredentialsPointAtTheSaslSettings() {
		String description = SecurityFailures.describe(new SaslAuthenticationException(
				"Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"));
		assertThat(description).isEqualTo("the broker rejected the SASL credentials (Authentication failed during "
				+ "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256); check "
				+ "sasl.mechanism and sasl.username and sasl.password (sasl.clientId and sasl.clientSecret for "
				+ "oauthbearer)");
	}

	@Test
	void anotherHandshakeFailureQuotesTheDeepestCause() {
		String description = SecurityFailures.describe(new SslAuthenticationException("SSL handshake failed",
				new SSLHandshakeException("Received fatal alert: certificate_required")));
		assertThat(description).startsWith("the TLS handshake failed (Received fatal alert: certificate_required)")
			.contains("ssl.cert and ssl.key");
	}

	@Test
	void deniedAccessPointsAtTheBrokersAcls() {
		assertThat(SecurityFailures.describe(new GroupAuthorizationException("Not authorized to access group: g")))
			.startsWith("the broker denied access (Not authorized to access group: g)");
	}

	@Test
	void anythingElseIsQuoted() {
		assertThat(SecurityFailures.describe(new KafkaException("outer", new IllegalStateException("inner"))))
			.isEqualTo("inner");
	}

	private static SslAuthenticationException handshake(CertificateException cause) {
		SSLHandshakeException handshake = new SSLHandshakeException(cause.getMessage());
		handshake.initCause(cause);
		return new SslAuthenticationException("SSL handshake failed", handshake);
	}

}
