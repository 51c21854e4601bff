package dev.kafkaevents.actuate.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.kafkaevents.test.TestKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerConnectivity} against the in-JVM KRaft broker.
 *
 * @author kafka-events
 */
class BrokerConnectivityTests {

	private static final String ALLOWED_TOKEN_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

	private static final String UNREACHABLE_TOKEN_URL = "http://localhost:1/token";

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private String previousAllowedUrls;

	@BeforeEach
	void allowUnreachableTokenUrl() {
		this.previousAllowedUrls = System.setProperty(ALLOWED_TOKEN_URLS, UNREACHABLE_TOKEN_URL);
	}

	@AfterEach
	void restoreAllowedUrls() {
		if (this.previousAllowedUrls != null) {
			System.setProperty(ALLOWED_TOKEN_URLS, this.previousAllowedUrls);
		}
		else {
			System.clearProperty(ALLOWED_TOKEN_URLS);
		}
	}

	@Test
	void reachableBrokersAreReportedWithTheirNodeCount() {
		try (BrokerConnectivity connectivity = new BrokerConnectivity(
				Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers()), TIMEOUT, Duration.ZERO)) {
			BrokerConnectivity.Result result = connectivity.check();
			assertThat(result.reachable()).isTrue();
			assertThat(result.nodes()).isEqualTo(1);
		}
	}

	@Test
	void aCheckNeverWaitsLongerThanItsTimeoutWhileTheAdminClientCannotBeCreated() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.brokers());
		properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		properties.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
		properties.put(SaslConfigs.SASL_JAAS_CONFIG,
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
		properties.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
		properties.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, UNREACHABLE_TOKEN_URL);
		properties.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, "health");
		properties.put(SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, "secret");
		try (BrokerConnectivity connectivity = new BrokerConnectivity(properties, TIMEOUT, Duration.ZERO)) {
			for (int i = 0; i < 2; i++) {
				long start = System.nanoTime();
				BrokerConnectivity.Result result = connectivity.check();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(result.reachable()).isFalse();
				assertThat(result.error()).startsWith("brokers did not answer within 1000 ms");
				assertThat(took).isLessThan(TIMEOUT.plusMillis(500));
			}
		}
	}

}
