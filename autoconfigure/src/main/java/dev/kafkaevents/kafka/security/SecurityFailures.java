package dev.kafkaevents.kafka.security;

import java.security.cert.CertificateException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Explains why a Kafka client could not authenticate or was denied access, in terms of
 * the {@code ssl} and {@code sasl} settings to check. The explanations quote the client's
 * exception messages, which never contain credentials.
 *
 * @author kafka-events
 */
public final class SecurityFailures {

	private SecurityFailures() {
	}

	/**
	 * Explain the given failure.
	 * @param failure an authentication or authorization failure of a Kafka client
	 * @return a one-line explanation with what to check
	 */
	public static String describe(Throwable failure) {
		Assert.notNull(failure, "'failure' must not be null");
		CertificateException certificate = find(failure, CertificateException.class);
		if (certificate != null) {
			return isHostNameMismatch(certificate)
					? "the broker's certificate is not valid for its host name (" + certificate.getMessage()
							+ "); use a certificate issued for the name in brokers, or set "
							+ "ssl.rejectUnauthorized to false to skip verification (insecure)"
					: "the broker's certificate is not trusted (" + certificate.getMessage() + "); set ssl.ca to the "
							+ "certificate of the CA that issued it, or ssl.rejectUnauthorized to false to skip "
							+ "verification (insecure)";
		}
		SaslAuthenticationException sasl = find(failure, SaslAuthenticationException.class);
		if (sasl != null) {
			return "the broker rejected the SASL credentials (" + sasl.getMessage() + "); check sasl.mechanism and "
					+ "sasl.username and sasl.password (sasl.clientId and sasl.clientSecret for oauthbearer)";
		}
		SslAuthenticationException ssl = find(failure, SslAuthenticationException.class);
		if (ssl != null) {
			return "the TLS handshake failed (" + deepestMessage(ssl) + "); check the ssl settings, and ssl.cert and "
					+ "ssl.key if the broker requires a client certificate";
		}
		AuthorizationException authorization = find(failure, AuthorizationException.class);
		if (authorization != null) {
			return "the broker denied access (" + authorization.getMessage() + "); grant the authenticated principal "
					+ "access to the topics and consumer group";
		}
		return deepestMessage(failure);
	}

	private static boolean isHostNameMismatch(CertificateException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("subject alternative") || message.startsWith("no name matching");
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable candidate = failure; candidate != null
				&& seen.add(candidate); candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

	private static String deepestMessage(Throwable failure) {
		String message = failure.getClass().getSimpleName();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable candidate = failure; candidate != null
				&& seen.add(candidate); candidate = candidate.getCause()) {
			if (candidate.getMessage() != null) {
				message = candidate.getMessage();
			}
		}
		return message;
	}

}
