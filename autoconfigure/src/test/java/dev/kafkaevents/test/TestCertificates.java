package dev.kafkaevents.test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and keys generated at test time, as PEM text, so that no private key is
 * kept in the repository. Keys are EC P-256, quick to generate.
 *
 * @author kafka-events
 */
public final class TestCertificates {

	private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

	private static final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	/**
	 * Create a certificate authority.
	 * @param name the common name of the authority
	 * @return the authority
	 */
	public static Authority authority(String name) {
		KeyPair keyPair = keyPair();
		X500Name subject = new X500Name("CN=" + name);
		X509v3CertificateBuilder builder = builder(subject, subject, keyPair);
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Authority(subject, keyPair, sign(builder, keyPair));
	}

	/**
	 * Create a self-signed server certificate.
	 * @param hostName the only host name the certificate is valid for
	 * @return the certificate and its key
	 */
	public static Issued selfSigned(String hostName) {
		KeyPair keyPair = keyPair();
		X500Name subject = new X500Name("CN=" + hostName);
		X509v3CertificateBuilder builder = builder(subject, subject, keyPair);
		addEndEntityExtensions(builder, KeyPurposeId.id_kp_serverAuth, hostName);
		X509Certificate certificate = sign(builder, keyPair);
		return new Issued(certificate, keyPair, certificate);
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keyPair) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
				keyPair.getPublic());
	}

	private static void addEndEntityExtensions(X509v3CertificateBuilder builder, KeyPurposeId purpose,
			String... hostNames) {
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
			if (hostNames.length > 0) {
				GeneralName[] names = new GeneralName[hostNames.length];
				for (int i = 0; i < hostNames.length; i++) {
					names[i] = new GeneralName(GeneralName.dNSName, hostNames[i]);
				}
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(Object object) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/**
	 * A certificate authority that issues certificates.
	 *
	 * @param subject the authority's name
	 * @param keyPair the authority's keys
	 * @param certificate the authority's self-signed certificate
	 */
	public record Authority(X500Name subject, KeyPair keyPair, X509Certificate certificate) {

		/**
		 * Issue a server certificate.
		 * @param hostNames the host names it is valid for
		 * @return the certificate and its key
		 */
		public Issued server(String... hostNames) {
			return issue("CN=" + hostNames[0], KeyPurposeId.id_kp_serverAuth, hostNames);
		}

		/**
		 * Issue a client certificate.
		 * @param name the common name of the client
		 * @return the certificate and its key
		 */
		public Issued client(String name) {
			return issue("CN=" + name, KeyPurposeId.id_kp_clientAuth);
		}

		private Issued issue(String subject, KeyPurposeId purpose, String... hostNames) {
			KeyPair keyPair = keyPair();
			X509v3CertificateBuilder builder = builder(this.subject, new X500Name(subject), keyPair);
			addEndEntityExtensions(builder, purpose, hostNames);
			return new Issued(sign(builder, this.keyPair), keyPair, this.certificate);
		}

		/**
		 * Return the authority's certificate as PEM.
		 * @return the PEM text
		 */
		public String certificatePem() {
			return pem(this.certificate);
		}

	}

	/**
	 * A certificate with its private key.
	 *
	 * @param certificate the certificate
	 * @param keyPair its keys
	 * @param issuer the certificate of its issuer
	 */
	public record Issued(X509Certificate certificate, KeyPair keyPair, X509Certificate issuer) {

		/**
		 * Return the certificate as PEM.
		 * @return the PEM text
		 */
		public String certificatePem() {
			return pem(this.certificate);
		}

		/**
		 * Return the private key as unencrypted PKCS#8 PEM.
		 * @return the PEM text
		 */
		public String privateKeyPem() {
			try {
				return pem(new JcaPKCS8Generator(this.keyPair.getPrivate(), null));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Return the private key as encrypted PKCS#8 PEM (PBES2, AES-256-CBC).
		 * @param passphrase the passphrase
		 * @return the PEM text
		 */
		public String encryptedPrivateKeyPem(String passphrase) {
			try {
				return pem(new JcaPKCS8Generator(this.keyPair.getPrivate(),
						new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
							.setPassword(passphrase.toCharArray())
							.setPRF(PKCS8Generator.PRF_HMACSHA256)
							.setProvider(BOUNCY_CASTLE)
							.build()));
			}
			catch (IOException | OperatorCreationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Return the private key in OpenSSL's traditional form (SEC1 for EC keys).
		 * @return the PEM text
		 */
		public String traditionalPrivateKeyPem() {
			return pem(this.keyPair.getPrivate());
		}

	}

}
