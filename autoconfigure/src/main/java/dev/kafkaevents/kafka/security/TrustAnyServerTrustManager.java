package dev.kafkaevents.kafka.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust manager that accepts any server certificate for any host, as Node's
 * {@code rejectUnauthorized: false} does. Being an {@link X509ExtendedTrustManager}, it
 * also keeps the JDK from checking the host name on its own. It never trusts a client: it
 * is for client connections only.
 *
 * @author kafka-events
 */
final class TrustAnyServerTrustManager extends X509ExtendedTrustManager {

	private static final X509Certificate[] NO_ISSUERS = {};

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw notForClients();
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw notForClients();
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw notForClients();
	}

	private static CertificateException notForClients() {
		return new CertificateException("This trust manager verifies no client certificate");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return NO_ISSUERS;
	}

}
