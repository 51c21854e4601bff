package dev.kafkaevents.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kafkaevents.test.TestCertificates.Authority;
import dev.kafkaevents.test.TestCertificates.Issued;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A second in-JVM KRaft broker for the security tests, with one listener per way of
 * connecting securely and an OAuth token endpoint that issues signed JWTs, all with
 * certificates generated at start.
 * <p>
 * Listeners: {@link Listener#TLS} (certificate for localhost issued by
 * {@link #authority()}), {@link Listener#MTLS} (the same, requiring a client certificate
 * issued by that authority), {@link Listener#SELF_SIGNED} (a self-signed certificate for
 * another host name), {@link Listener#SASL} (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and
 * OAUTHBEARER over plaintext) and {@link Listener#SASL_TLS} (PLAIN over TLS). Topics,
 * SCRAM users and test records go through an unauthenticated plaintext listener.
 *
 * @author kafka-events
 */
public final class SecuredKafka implements AutoCloseable {

	/**
	 * PLAIN user known to the SASL listeners.
	 */
	public static final String PLAIN_USER = "alice";

	/**
	 * Password of {@link #PLAIN_USER}.
	 */
	public static final String PLAIN_PASSWORD = "alice-secret";

	/**
	 * PLAIN user whose password holds a double quote and a backslash.
	 */
	public static final String QUOTED_USER = "quoted";

	/**
	 * Password of {@link #QUOTED_USER}.
	 */
	public static final String QUOTED_PASSWORD = "pa\"ss\\word";

	/**
	 * OAuth client accepted by the token endpoint.
	 */
	public static final String OAUTH_CLIENT_ID = "events-app";

	/**
	 * Secret of {@link #OAUTH_CLIENT_ID}.
	 */
	public static final String OAUTH_CLIENT_SECRET = "events-app-secret";

	private static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

	private final Path directory;

	private final Authority authority = TestCertificates.authority("kafka-events test CA");

	private final Issued server = this.authority.server("localhost");

	private final Issued client = this.authority.client("events-client");

	private final Issued selfSigned = TestCertificates.selfSigned("untrusted.invalid");

	private final TokenEndpoint tokenEndpoint = new TokenEndpoint();

	private final @Nullable String previousAllowedUrls;

	private final EmbeddedKafkaKraftBroker broker;

	private final Admin admin;

	private final KafkaProducer<byte[], byte[]> producer;

	private SecuredKafka(Path directory) {
		this.directory = directory;
		write("ca.pem", this.authority.certificatePem());
		write("client.pem", this.client.certificatePem());
		write("client.key", this.client.privateKeyPem());
		write("self-signed.pem", this.selfSigned.certificatePem());
		this.previousAllowedUrls = System.setProperty(ALLOWED_URLS,
				this.tokenEndpoint.tokenUrl() + "," + this.tokenEndpoint.jwksUrl());
		this.broker = startBroker();
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBrokers()));
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBrokers(), ProducerConfig.LINGER_MS_CONFIG, 0),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Start the broker and the token endpoint.
	 * @param directory where the PEM files are written
	 * @return the running broker
	 */
	public static SecuredKafka start(Path directory) {
		return new SecuredKafka(directory);
	}

	private EmbeddedKafkaKraftBroker startBroker() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerListProperty("kafka-events.secured-kafka.brokers");
		broker.brokerProperties(brokerProperties());
		String globalBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		try {
			broker.afterPropertiesSet();
		}
		finally {
			restore(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, globalBrokers);
			System.clearProperty("kafka-events.secured-kafka.brokers");
		}
		return broker;
	}

	private Map<String, String> brokerProperties() {
		Map<String, String> properties = new HashMap<>();
		properties.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,TLS://localhost:0,"
				+ "MTLS://localhost:0,SELF_SIGNED://localhost:0,SASL://localhost:0,SASL_TLS://localhost:0");
		properties.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,TLS:SSL,"
				+ "MTLS:SSL,SELF_SIGNED:SSL,SASL:SASL_PLAINTEXT,SASL_TLS:SASL_SSL");
		properties.put("auto.create.topics.enable", "false");
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		keyStore(properties, "tls", this.server);
		keyStore(properties, "mtls", this.server);
		properties.put("listener.name.mtls.ssl.client.auth", "required");
		properties.put("listener.name.mtls.ssl.truststore.type", "PEM");
		properties.put("listener.name.mtls.ssl.truststore.certificates", this.authority.certificatePem());
		keyStore(properties, "self_signed", this.selfSigned);
		keyStore(properties, "sasl_tls", this.server);
		properties.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER");
		String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
				+ PLAIN_PASSWORD + "\" user_" + QUOTED_USER + "=\""
				+ QUOTED_PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"") + "\";";
		properties.put("listener.name.sasl.plain.sasl.jaas.config", plain);
		properties.put("listener.name.sasl_tls.sasl.enabled.mechanisms", "PLAIN");
		properties.put("listener.name.sasl_tls.plain.sasl.jaas.config", plain);
		String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
		properties.put("listener.name.sasl.scram-sha-256.sasl.jaas.config", scram);
		properties.put("listener.name.sasl.scram-sha-512.sasl.jaas.config", scram);
		properties.put("listener.name.sasl.oauthbearer.sasl.jaas.config",
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
						+ "unsecuredLoginStringClaim_sub=\"broker\";");
		properties.put("listener.name.sasl.oauthbearer.sasl.server.callback.handler.class",
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler");
		properties.put("sasl.oauthbearer.jwks.endpoint.url", this.tokenEndpoint.jwksUrl());
		return properties;
	}

	private static void keyStore(Map<String, String> properties, String listener, Issued certificate) {
		String prefix = "listener.name." + listener + ".";
		properties.put(prefix + "ssl.keystore.type", "PEM");
		properties.put(prefix + "ssl.keystore.certificate.chain", certificate.certificatePem());
		properties.put(prefix + "ssl.keystore.key", certificate.privateKeyPem());
	}

	/**
	 * Return the bootstrap address of a listener.
	 * @param listener the listener
	 * @return host:port
	 */
	public String brokers(Listener listener) {
		int port = this.broker.getCluster().brokers().get(0).boundPort(ListenerName.normalised(listener.name()));
		return "localhost:" + port;
	}

	private String plaintextBrokers() {
		return this.broker.getBrokersAsString();
	}

	/**
	 * Return the authority that issued the certificates of the TLS, MTLS and SASL_TLS
	 * listeners and of {@link #client()}.
	 * @return the authority
	 */
	public Authority authority() {
		return this.authority;
	}

	/**
	 * Return a client certificate the MTLS listener accepts.
	 * @return the certificate and its key
	 */
	public Issued client() {
		return this.client;
	}

	/**
	 * Return the self-signed certificate of the SELF_SIGNED listener.
	 * @return the certificate and its key
	 */
	public Issued selfSigned() {
		return this.selfSigned;
	}

	/**
	 * Return the location of a PEM file written at start: {@code ca.pem},
	 * {@code client.pem}, {@code client.key} or {@code self-signed.pem}.
	 * @param name the file name
	 * @return the path of the file
	 */
	public Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Return the OAuth token endpoint.
	 * @return the endpoint
	 */
	public TokenEndpoint tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * Create a topic with a unique name and one partition.
	 * @param prefix readable prefix of the name
	 * @return the topic name
	 */
	public String createTopic(String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		await(this.admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());
		return name;
	}

	/**
	 * Create or update a user for SCRAM-SHA-256 and SCRAM-SHA-512, through the Admin API,
	 * and wait until the SASL listener accepts it.
	 * @param user the user name
	 * @param password the password
	 */
	public void createScramUser(String user, String password) {
		for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
			await(this.admin
				.alterUserScramCredentials(List
					.of(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 4096), password)))
				.all());
		}
		String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
				+ "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";";
		Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(Listener.SASL),
				AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
				"sasl.jaas.config", jaas);
		Awaitility.await("SCRAM user " + user + " accepted")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> authenticates(client));
	}

	private static boolean authenticates(Map<String, Object> client) throws InterruptedException {
		try (Admin scram = Admin.create(client)) {
			scram.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/**
	 * Return the end offset of the first partition of a topic, read through the plaintext
	 * listener.
	 * @param topic the topic
	 * @return the offset the next record will get
	 */
	public long endOffset(String topic) {
		TopicPartition partition = new TopicPartition(topic, 0);
		return await(this.admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all()).get(partition).offset();
	}

	/**
	 * Send a record through the plaintext listener and wait for the acknowledgement.
	 * @param topic the topic
	 * @param json the value, a JSON text
	 */
	public void sendJson(String topic, String json) {
		await(this.producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8))));
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
		this.admin.close(Duration.ofSeconds(5));
		this.broker.destroy();
		this.tokenEndpoint.close();
		restore(ALLOWED_URLS, this.previousAllowedUrls);
	}

	private void write(String name, String content) {
		try {
			Files.writeString(this.directory.resolve(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void restore(String property, @Nullable String value) {
		if (value != null) {
			System.setProperty(property, value);
		}
		else {
			System.clearProperty(property);
		}
	}

	private static <T> T await(java.util.concurrent.Future<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The listeners of the broker besides the plaintext one.
	 */
	public enum Listener {

		/**
		 * One-way TLS.
		 */
		TLS,

		/**
		 * TLS requiring a client certificate.
		 */
		MTLS,

		/**
		 * TLS with a self-signed certificate for {@code untrusted.invalid}.
		 */
		SELF_SIGNED,

		/**
		 * SASL over plaintext: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER.
		 */
		SASL,

		/**
		 * SASL PLAIN over TLS.
		 */
		SASL_TLS

	}

	/**
	 * An OAuth token endpoint for the client credentials grant and its JWKS endpoint:
	 * issues RS256-signed JWTs to {@link SecuredKafka#OAUTH_CLIENT_ID}, which the broker
	 * verifies with the JWKS.
	 */
	public static final class TokenEndpoint {

		private final KeyPair keyPair = rsaKeyPair();

		private final HttpServer server;

		private final Queue<String> grantedScopes = new ConcurrentLinkedQueue<>();

		/**
		 * Start a token endpoint on a free port of localhost.
		 */
		public TokenEndpoint() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/token", this::token);
			this.server.createContext("/jwks", this::jwks);
			this.server.start();
		}

		/**
		 * Return the URL of the token endpoint.
		 * @return the URL
		 */
		public String tokenUrl() {
			return "http://localhost:" + this.server.getAddress().getPort() + "/token";
		}

		String jwksUrl() {
			return "http://localhost:" + this.server.getAddress().getPort() + "/jwks";
		}

		/**
		 * Return the scopes of the tokens issued so far, in order.
		 * @return the scopes
		 */
		public List<String> grantedScopes() {
			return List.copyOf(this.grantedScopes);
		}

		private void token(HttpExchange exchange) throws IOException {
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString((OAUTH_CLIENT_ID + ":" + OAUTH_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
					|| !body.contains("grant_type=client_credentials")) {
				respond(exchange, 401, "{\"error\":\"invalid_client\"}");
				return;
			}
			String scope = Arrays.stream(body.split("&"))
				.filter((parameter) -> parameter.startsWith("scope="))
				.map((parameter) -> parameter.substring("scope=".length()))
				.findFirst()
				.orElse("");
			this.grantedScopes.add(scope);
			respond(exchange, 200,
					"{\"access_token\":\"" + jwt(scope) + "\",\"token_type\":\"bearer\"," + "\"expires_in\":3600}");
		}

		private void jwks(HttpExchange exchange) throws IOException {
			RSAPublicKey key = (RSAPublicKey) this.keyPair.getPublic();
			respond(exchange, 200,
					"{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"test\",\"use\":\"sig\",\"alg\":\"RS256\"," + "\"n\":\""
							+ base64Url(unsigned(key.getModulus())) + "\",\"e\":\""
							+ base64Url(unsigned(key.getPublicExponent())) + "\"}]}");
		}

		private String jwt(String scope) {
			long now = Instant.now().getEpochSecond();
			String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}");
			String payload = base64Url("{\"sub\":\"" + OAUTH_CLIENT_ID + "\",\"iat\":" + now + ",\"exp\":"
					+ (now + 3600) + ",\"scope\":\"" + scope + "\"}");
			try {
				Signature signature = Signature.getInstance("SHA256withRSA");
				signature.initSign(this.keyPair.getPrivate());
				signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
				return header + "." + payload + "." + base64Url(signature.sign());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void respond(HttpExchange exchange, int status, String json) throws IOException {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		}

		private static KeyPair rsaKeyPair() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static byte[] unsigned(BigInteger value) {
			byte[] bytes = value.toByteArray();
			return (bytes.length > 1 && bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
		}

		private static String base64Url(String text) {
			return base64Url(text.getBytes(StandardCharsets.UTF_8));
		}

		private static String base64Url(byte[] bytes) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}

		/**
		 * Stop the endpoint.
		 */
		public void close() {
			this.server.stop(0);
		}

	}

}
