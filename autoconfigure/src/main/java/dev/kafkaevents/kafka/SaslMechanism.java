package dev.kafkaevents.kafka;

/**
 * SASL mechanisms supported for authenticating with Kafka brokers.
 *
 * @author kafka-events
 */
public enum SaslMechanism {

	/**
	 * SASL/PLAIN, Backstage's {@code plain}.
	 */
	PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),

	/**
	 * SASL/SCRAM with SHA-256, Backstage's {@code scram-sha-256}.
	 */
	SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),

	/**
	 * SASL/SCRAM with SHA-512, Backstage's {@code scram-sha-512}.
	 */
	SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),

	/**
	 * SASL/OAUTHBEARER with a token obtained from an OAuth token endpoint by the client
	 * credentials grant; an extension, Backstage has no such mechanism in its
	 * configuration.
	 */
	OAUTHBEARER("OAUTHBEARER", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule");

	private final String kafkaName;

	private final String loginModule;

	SaslMechanism(String kafkaName, String loginModule) {
		this.kafkaName = kafkaName;
		this.loginModule = loginModule;
	}

	/**
	 * Return the mechanism name as the Kafka client's {@code sasl.mechanism} expects it.
	 * @return the Kafka mechanism name
	 */
	public String kafkaName() {
		return this.kafkaName;
	}

	/**
	 * Return the JAAS login module class that implements this mechanism.
	 * @return the login module class name
	 */
	public String loginModule() {
		return this.loginModule;
	}

}
