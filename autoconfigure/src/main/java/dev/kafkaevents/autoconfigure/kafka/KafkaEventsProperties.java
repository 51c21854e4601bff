package dev.kafkaevents.autoconfigure.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.kafka.RetryMode;
import dev.kafkaevents.kafka.SaslMechanism;
import dev.kafkaevents.kafka.format.KeyFormat;
import dev.kafkaevents.kafka.format.ValueFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Kafka bridges, laid out exactly as Backstage's
 * {@code events.modules.kafka} block so that a Backstage configuration pastes in
 * unchanged.
 *
 * @author kafka-events
 */
@ConfigurationProperties("events.modules.kafka")
public class KafkaEventsProperties {

	/**
	 * Named instances that consume Kafka topics and publish their records as events.
	 */
	private final Map<String, Consuming> kafkaConsumingEventPublisher = new LinkedHashMap<>();

	/**
	 * Named instances that consume events and publish them to Kafka topics.
	 */
	private final Map<String, Publishing> kafkaPublishingEventConsumer = new LinkedHashMap<>();

	public Map<String, Consuming> getKafkaConsumingEventPublisher() {
		return this.kafkaConsumingEventPublisher;
	}

	public Map<String, Publishing> getKafkaPublishingEventConsumer() {
		return this.kafkaPublishingEventConsumer;
	}

	/**
	 * Connection settings shared by both kinds of instance.
	 */
	public abstract static class Connection {

		/**
		 * Kafka client id.
		 */
		private @Nullable String clientId;

		/**
		 * Bootstrap brokers as host:port.
		 */
		private @Nullable List<String> brokers;

		/**
		 * TLS settings; 'true' enables TLS with the JVM's default trust.
		 */
		private final Ssl ssl = new Ssl();

		/**
		 * SASL authentication settings.
		 */
		private final Sasl sasl = new Sasl();

		/**
		 * Reconnection and retry settings.
		 */
		private final Retry retry = new Retry();

		/**
		 * Timeout of SASL authentication. Accepted for Backstage compatibility; the Java
		 * client has no equivalent.
		 */
		private @Nullable Duration authenticationTimeout;

		/**
		 * Timeout for establishing a connection to a broker
		 * (socket.connection.setup.timeout.ms).
		 */
		private @Nullable Duration connectionTimeout;

		/**
		 * Timeout of a request to a broker (request.timeout.ms).
		 */
		private @Nullable Duration requestTimeout;

		/**
		 * Whether requests time out. Accepted for Backstage compatibility; the Java
		 * client always enforces request.timeout.ms.
		 */
		private @Nullable Boolean enforceRequestTimeout;

		/**
		 * Raw Kafka client properties applied after the derived settings of this
		 * instance.
		 */
		private final Map<String, String> properties = new LinkedHashMap<>();

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable List<String> getBrokers() {
			return this.brokers;
		}

		public void setBrokers(@Nullable List<String> brokers) {
			this.brokers = brokers;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Sasl getSasl() {
			return this.sasl;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public @Nullable Duration getAuthenticationTimeout() {
			return this.authenticationTimeout;
		}

		public void setAuthenticationTimeout(@Nullable Duration authenticationTimeout) {
			this.authenticationTimeout = authenticationTimeout;
		}

		public @Nullable Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public @Nullable Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public @Nullable Boolean getEnforceRequestTimeout() {
			return this.enforceRequestTimeout;
		}

		public void setEnforceRequestTimeout(@Nullable Boolean enforceRequestTimeout) {
			this.enforceRequestTimeout = enforceRequestTimeout;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

	}

	/**
	 * An instance of Backstage's kafkaConsumingEventPublisher.
	 */
	public static class Consuming extends Connection {

		/**
		 * Mappings from Kafka topics to an events topic; each gets its own consumer.
		 */
		private @Nullable List<ConsumingTopic> topics;

		public @Nullable List<ConsumingTopic> getTopics() {
			return this.topics;
		}

		public void setTopics(@Nullable List<ConsumingTopic> topics) {
			this.topics = topics;
		}

	}

	/**
	 * An instance of Backstage's kafkaPublishingEventConsumer.
	 */
	public static class Publishing extends Connection {

		/**
		 * Mappings from an events topic to a Kafka topic.
		 */
		private @Nullable List<PublishingTopic> topics;

		/**
		 * Compression of the record batches of this instance's producers
		 * (compression.type); a mapping's kafka.compression overrides it.
		 */
		private @Nullable Compression compression;

		public @Nullable List<PublishingTopic> getTopics() {
			return this.topics;
		}

		public void setTopics(@Nullable List<PublishingTopic> topics) {
			this.topics = topics;
		}

		public @Nullable Compression getCompression() {
			return this.compression;
		}

		public void setCompression(@Nullable Compression compression) {
			this.compression = compression;
		}

		/**
		 * Whether the mappings of this instance send their records through the
		 * transactional outbox, unless a mapping says otherwise.
		 */
		private boolean outbox;

		public boolean isOutbox() {
			return this.outbox;
		}

		public void setOutbox(boolean outbox) {
			this.outbox = outbox;
		}

	}

	/**
	 * TLS settings of an instance.
	 */
	public static class Ssl {

		/**
		 * Whether to connect with TLS. Set implicitly by any other ssl key.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Trusted CA certificates, each PEM content or a resource location such as
		 * 'file:/etc/kafka/ca.pem' or 'classpath:ca.pem'. When not set, the JVM's default
		 * trust store is used.
		 */
		private @Nullable List<String> ca;

		/**
		 * Client certificate chain for mutual TLS, PEM content or a resource location.
		 */
		private @Nullable String cert;

		/**
		 * Client private key for mutual TLS, PEM content or a resource location: PKCS#8,
		 * encrypted PKCS#8 (with passphrase), PKCS#1 RSA or SEC1 EC.
		 */
		private @Nullable String key;

		/**
		 * Passphrase of an encrypted client private key.
		 */
		private @Nullable String passphrase;

		/**
		 * Whether to verify the broker's certificate and host name. When false, any
		 * certificate is accepted, which is insecure; a warning is logged at startup.
		 */
		private @Nullable Boolean rejectUnauthorized;

		/**
		 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) to use instead of ca,
		 * cert and key.
		 */
		private @Nullable String bundle;

		/**
		 * Return whether TLS is on: explicitly, or because another ssl key is set.
		 * @return whether TLS is enabled
		 */
		public boolean isEffectivelyEnabled() {
			if (this.enabled != null) {
				return this.enabled;
			}
			return this.ca != null || this.cert != null || this.key != null || this.passphrase != null
					|| this.bundle != null || this.rejectUnauthorized != null;
		}

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable List<String> getCa() {
			return this.ca;
		}

		public void setCa(@Nullable List<String> ca) {
			this.ca = ca;
		}

		public @Nullable String getCert() {
			return this.cert;
		}

		public void setCert(@Nullable String cert) {
			this.cert = cert;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getPassphrase() {
			return this.passphrase;
		}

		public void setPassphrase(@Nullable String passphrase) {
			this.passphrase = passphrase;
		}

		public @Nullable Boolean getRejectUnauthorized() {
			return this.rejectUnauthorized;
		}

		public void setRejectUnauthorized(@Nullable Boolean rejectUnauthorized) {
			this.rejectUnauthorized = rejectUnauthorized;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		@Override
		public String toString() {
			return "Ssl[enabled=" + isEffectivelyEnabled() + ", ca=" + ((this.ca != null) ? this.ca.size() : 0)
					+ " certificate(s), cert=" + ((this.cert != null) ? "(set)" : null) + ", key=" + mask(this.key)
					+ ", passphrase=" + mask(this.passphrase) + ", rejectUnauthorized=" + this.rejectUnauthorized
					+ ", bundle=" + this.bundle + "]";
		}

	}

	/**
	 * SASL settings of an instance.
	 */
	public static class Sasl {

		/**
		 * SASL mechanism: plain, scram-sha-256, scram-sha-512 or oauthbearer.
		 */
		private @Nullable SaslMechanism mechanism;

		/**
		 * SASL user name, for plain and scram mechanisms.
		 */
		private @Nullable String username;

		/**
		 * SASL password, for plain and scram mechanisms.
		 */
		private @Nullable String password;

		/**
		 * Authorization identity. Accepted for Backstage compatibility; the Java client
		 * has no equivalent.
		 */
		private @Nullable String authorizationIdentity;

		/**
		 * OAuth client id for the client credentials grant, for the oauthbearer
		 * mechanism.
		 */
		private @Nullable String clientId;

		/**
		 * OAuth client secret for the client credentials grant, for the oauthbearer
		 * mechanism.
		 */
		private @Nullable String clientSecret;

		/**
		 * OAuth scope requested with the token, for the oauthbearer mechanism; by default
		 * none is requested.
		 */
		private @Nullable String scope;

		/**
		 * URL of the OAuth token endpoint, for the oauthbearer mechanism. The Kafka
		 * client refuses it unless it is listed in the JVM system property
		 * 'org.apache.kafka.sasl.oauthbearer.allowed.urls'.
		 */
		private @Nullable String tokenEndpointUrl;

		/**
		 * Return whether any SASL key is set.
		 * @return whether SASL is configured
		 */
		public boolean isConfigured() {
			return this.mechanism != null || StringUtils.hasText(this.username) || StringUtils.hasText(this.password)
					|| StringUtils.hasText(this.clientId) || StringUtils.hasText(this.clientSecret)
					|| StringUtils.hasText(this.scope) || StringUtils.hasText(this.tokenEndpointUrl);
		}

		public @Nullable SaslMechanism getMechanism() {
			return this.mechanism;
		}

		public void setMechanism(@Nullable SaslMechanism mechanism) {
			this.mechanism = mechanism;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getAuthorizationIdentity() {
			return this.authorizationIdentity;
		}

		public void setAuthorizationIdentity(@Nullable String authorizationIdentity) {
			this.authorizationIdentity = authorizationIdentity;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getScope() {
			return this.scope;
		}

		public void setScope(@Nullable String scope) {
			this.scope = scope;
		}

		public @Nullable String getTokenEndpointUrl() {
			return this.tokenEndpointUrl;
		}

		public void setTokenEndpointUrl(@Nullable String tokenEndpointUrl) {
			this.tokenEndpointUrl = tokenEndpointUrl;
		}

		@Override
		public String toString() {
			return "Sasl[mechanism=" + this.mechanism + ", username=" + this.username + ", password="
					+ mask(this.password) + ", clientId=" + this.clientId + ", clientSecret=" + mask(this.clientSecret)
					+ ", scope=" + this.scope + ", tokenEndpointUrl=" + this.tokenEndpointUrl + "]";
		}

	}

	/**
	 * Retry and reconnection settings, as KafkaJS's retry block.
	 */
	public static class Retry {

		/**
		 * Maximum wait between two attempts (retry.backoff.max.ms and
		 * reconnect.backoff.max.ms).
		 */
		private @Nullable Duration maxRetryTime;

		/**
		 * Initial wait between two attempts (retry.backoff.ms and reconnect.backoff.ms).
		 */
		private @Nullable Duration initialRetryTime;

		/**
		 * Randomization factor. Accepted for Backstage compatibility; the Java client
		 * uses a fixed jitter of 0.2.
		 */
		private @Nullable Double factor;

		/**
		 * Backoff multiplier. Accepted for Backstage compatibility; the Java client
		 * doubles the backoff on each attempt.
		 */
		private @Nullable Double multiplier;

		/**
		 * Maximum number of retries of a request; maps to the producer's retries.
		 */
		private @Nullable Integer retries;

		public @Nullable Duration getMaxRetryTime() {
			return this.maxRetryTime;
		}

		public void setMaxRetryTime(@Nullable Duration maxRetryTime) {
			this.maxRetryTime = maxRetryTime;
		}

		public @Nullable Duration getInitialRetryTime() {
			return this.initialRetryTime;
		}

		public void setInitialRetryTime(@Nullable Duration initialRetryTime) {
			this.initialRetryTime = initialRetryTime;
		}

		public @Nullable Double getFactor() {
			return this.factor;
		}

		public void setFactor(@Nullable Double factor) {
			this.factor = factor;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Integer getRetries() {
			return this.retries;
		}

		public void setRetries(@Nullable Integer retries) {
			this.retries = retries;
		}

	}

	/**
	 * A mapping that may filter the events crossing it.
	 */
	public abstract static class FilteredTopic {

		/**
		 * SpEL expression deciding whether an event crosses the mapping, over 'value',
		 * 'key', 'headers', 'metadata', 'topic' and 'record', such as "value.itemId ==
		 * 'a4f6j2'".
		 */
		private @Nullable String filter;

		/**
		 * Name of a KafkaEventFilter bean deciding whether an event crosses the mapping.
		 */
		private @Nullable String filterBean;

		public @Nullable String getFilter() {
			return this.filter;
		}

		public void setFilter(@Nullable String filter) {
			this.filter = filter;
		}

		public @Nullable String getFilterBean() {
			return this.filterBean;
		}

		public void setFilterBean(@Nullable String filterBean) {
			this.filterBean = filterBean;
		}

	}

	/**
	 * Formats of the values and keys of a mapping's records.
	 */
	public abstract static class RecordFormatSettings {

		/**
		 * Format of record values: json, json-or-string, string, bytes or avro.
		 */
		private ValueFormat valueFormat = ValueFormat.JSON;

		/**
		 * Format of record keys: string or bytes.
		 */
		private KeyFormat keyFormat = KeyFormat.STRING;

		/**
		 * Avro schema of record values, as JSON text, for the avro value format.
		 */
		private @Nullable String avroSchema;

		/**
		 * Location of the Avro schema of record values, such as
		 * 'classpath:avro/order.avsc', for the avro value format.
		 */
		private @Nullable String avroSchemaLocation;

		public ValueFormat getValueFormat() {
			return this.valueFormat;
		}

		public void setValueFormat(ValueFormat valueFormat) {
			this.valueFormat = valueFormat;
		}

		public KeyFormat getKeyFormat() {
			return this.keyFormat;
		}

		public void setKeyFormat(KeyFormat keyFormat) {
			this.keyFormat = keyFormat;
		}

		public @Nullable String getAvroSchema() {
			return this.avroSchema;
		}

		public void setAvroSchema(@Nullable String avroSchema) {
			this.avroSchema = avroSchema;
		}

		public @Nullable String getAvroSchemaLocation() {
			return this.avroSchemaLocation;
		}

		public void setAvroSchemaLocation(@Nullable String avroSchemaLocation) {
			this.avroSchemaLocation = avroSchemaLocation;
		}

	}

	/**
	 * One kafkaConsumingEventPublisher topics[] entry: Kafka topics to an events topic.
	 */
	public static class ConsumingTopic extends FilteredTopic {

		/**
		 * Events topic the records are published to.
		 */
		private @Nullable String topic;

		/**
		 * Kafka consumer settings of this mapping.
		 */
		private final ConsumerKafka kafka = new ConsumerKafka();

		/**
		 * Retries of a record whose handling failed, before the failure policy applies.
		 */
		private final HandlerRetry retry = new HandlerRetry();

		/**
		 * Kafka topic, on the same instance, that a record still failing after its
		 * retries is sent to (original bytes and headers plus exception headers) before
		 * moving past it; "true" for one dead-letter topic per Kafka topic, "<kafka
		 * topic>.dead-letter", and "false" for none.
		 */
		private @Nullable String deadLetterTopic;

		/**
		 * Whether each record's handling and an inbox row keyed by its message id commit
		 * in one database transaction, so that a redelivered record is acknowledged
		 * without running the handlers again.
		 */
		private boolean idempotent;

		/**
		 * Metadata (header) name whose value is the message id of an idempotent mapping's
		 * records. Unset means the outbox's event id header, else the record's group,
		 * topic, partition and offset.
		 */
		private @Nullable String idempotencyKey;

		/**
		 * SpEL expression giving the message id of an idempotent mapping's records, over
		 * the variables of 'filter', such as "value.orderId"; takes precedence over
		 * idempotency-key.
		 */
		private @Nullable String idempotencyKeyExpression;

		/**
		 * Name of the transaction manager bean of an idempotent mapping's transactions.
		 * Unset means the application's only transaction manager.
		 */
		private @Nullable String transactionManager;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public ConsumerKafka getKafka() {
			return this.kafka;
		}

		public HandlerRetry getRetry() {
			return this.retry;
		}

		public @Nullable String getDeadLetterTopic() {
			return this.deadLetterTopic;
		}

		public void setDeadLetterTopic(@Nullable String deadLetterTopic) {
			this.deadLetterTopic = deadLetterTopic;
		}

		public boolean isIdempotent() {
			return this.idempotent;
		}

		public void setIdempotent(boolean idempotent) {
			this.idempotent = idempotent;
		}

		public @Nullable String getIdempotencyKey() {
			return this.idempotencyKey;
		}

		public void setIdempotencyKey(@Nullable String idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
		}

		public @Nullable String getIdempotencyKeyExpression() {
			return this.idempotencyKeyExpression;
		}

		public void setIdempotencyKeyExpression(@Nullable String idempotencyKeyExpression) {
			this.idempotencyKeyExpression = idempotencyKeyExpression;
		}

		public @Nullable String getTransactionManager() {
			return this.transactionManager;
		}

		public void setTransactionManager(@Nullable String transactionManager) {
			this.transactionManager = transactionManager;
		}

	}

	/**
	 * Retries of failed records of a consuming mapping, with exponential back-off.
	 */
	public static class HandlerRetry {

		/**
		 * Total attempts of a failed record, the first included; 1 means no retry.
		 */
		private int attempts = 1;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the wait after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * Exception classes never retried, matched against the failure, its causes and
		 * their superclasses by spring-kafka's error handler.
		 */
		private List<Class<? extends Exception>> notRetryable = new ArrayList<>();

		/**
		 * How the waits between attempts are made: "blocking" on the consumer thread,
		 * "pause-partition" pausing only the record's partition, or "topics" through
		 * retry topics "<kafka topic>.retry-<n>", one per retry, which need a dead-letter
		 * topic.
		 */
		private RetryMode mode = RetryMode.BLOCKING;

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public List<Class<? extends Exception>> getNotRetryable() {
			return this.notRetryable;
		}

		public void setNotRetryable(List<Class<? extends Exception>> notRetryable) {
			this.notRetryable = notRetryable;
		}

		public RetryMode getMode() {
			return this.mode;
		}

		public void setMode(RetryMode mode) {
			this.mode = mode;
		}

	}

	/**
	 * Kafka consumer settings of a consuming mapping.
	 */
	public static class ConsumerKafka extends RecordFormatSettings {

		/**
		 * Kafka topics to subscribe to.
		 */
		private @Nullable List<String> topics;

		/**
		 * Consumer group id (group.id).
		 */
		private @Nullable String groupId;

		/**
		 * Group session timeout (session.timeout.ms).
		 */
		private @Nullable Duration sessionTimeout;

		/**
		 * Maximum time between polls before the consumer leaves the group
		 * (max.poll.interval.ms).
		 */
		private @Nullable Duration rebalanceTimeout;

		/**
		 * Interval between heartbeats to the group coordinator (heartbeat.interval.ms);
		 * must be below sessionTimeout.
		 */
		private @Nullable Duration heartbeatInterval;

		/**
		 * Period after which metadata is refreshed (metadata.max.age.ms).
		 */
		private @Nullable Duration metadataMaxAge;

		/**
		 * Maximum data returned per partition per fetch (max.partition.fetch.bytes).
		 */
		private @Nullable DataSize maxBytesPerPartition;

		/**
		 * Minimum data a fetch waits for (fetch.min.bytes).
		 */
		private @Nullable DataSize minBytes;

		/**
		 * Maximum data returned per fetch (fetch.max.bytes).
		 */
		private @Nullable DataSize maxBytes;

		/**
		 * Maximum time the broker waits for minBytes (fetch.max.wait.ms).
		 */
		private @Nullable Duration maxWaitTime;

		/**
		 * Whether a group without committed offsets starts at the earliest offset rather
		 * than the latest (auto.offset.reset).
		 */
		private @Nullable Boolean fromBeginning;

		/**
		 * Whether offsets of processed records are committed asynchronously after each
		 * poll rather than synchronously.
		 */
		private boolean autoCommit = true;

		/**
		 * Whether a failed record pauses its partition instead of being skipped.
		 */
		private boolean pauseOnError = false;

		/**
		 * Number of consumers for this mapping within the application; with shareGroup,
		 * share group members, which may outnumber the partitions.
		 */
		private int concurrency = 1;

		/**
		 * Whether the topics are consumed through the share group named groupId (Kafka
		 * 4.2 queues, KIP-932) rather than a consumer group: each record is acknowledged
		 * on its own (accepted, released for redelivery, or rejected), so a failing
		 * record blocks nothing and members may outnumber partitions.
		 */
		private boolean shareGroup = false;

		/**
		 * Raw Kafka consumer properties applied after the instance's properties.
		 */
		private final Map<String, String> properties = new LinkedHashMap<>();

		public @Nullable List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(@Nullable List<String> topics) {
			this.topics = topics;
		}

		public @Nullable String getGroupId() {
			return this.groupId;
		}

		public void setGroupId(@Nullable String groupId) {
			this.groupId = groupId;
		}

		public @Nullable Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		public void setSessionTimeout(@Nullable Duration sessionTimeout) {
			this.sessionTimeout = sessionTimeout;
		}

		public @Nullable Duration getRebalanceTimeout() {
			return this.rebalanceTimeout;
		}

		public void setRebalanceTimeout(@Nullable Duration rebalanceTimeout) {
			this.rebalanceTimeout = rebalanceTimeout;
		}

		public @Nullable Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public @Nullable Duration getMetadataMaxAge() {
			return this.metadataMaxAge;
		}

		public void setMetadataMaxAge(@Nullable Duration metadataMaxAge) {
			this.metadataMaxAge = metadataMaxAge;
		}

		public @Nullable DataSize getMaxBytesPerPartition() {
			return this.maxBytesPerPartition;
		}

		public void setMaxBytesPerPartition(@Nullable DataSize maxBytesPerPartition) {
			this.maxBytesPerPartition = maxBytesPerPartition;
		}

		public @Nullable DataSize getMinBytes() {
			return this.minBytes;
		}

		public void setMinBytes(@Nullable DataSize minBytes) {
			this.minBytes = minBytes;
		}

		public @Nullable DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(@Nullable DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public @Nullable Duration getMaxWaitTime() {
			return this.maxWaitTime;
		}

		public void setMaxWaitTime(@Nullable Duration maxWaitTime) {
			this.maxWaitTime = maxWaitTime;
		}

		public @Nullable Boolean getFromBeginning() {
			return this.fromBeginning;
		}

		public void setFromBeginning(@Nullable Boolean fromBeginning) {
			this.fromBeginning = fromBeginning;
		}

		public boolean isAutoCommit() {
			return this.autoCommit;
		}

		public void setAutoCommit(boolean autoCommit) {
			this.autoCommit = autoCommit;
		}

		public boolean isPauseOnError() {
			return this.pauseOnError;
		}

		public void setPauseOnError(boolean pauseOnError) {
			this.pauseOnError = pauseOnError;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public boolean isShareGroup() {
			return this.shareGroup;
		}

		public void setShareGroup(boolean shareGroup) {
			this.shareGroup = shareGroup;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

	}

	/**
	 * One kafkaPublishingEventConsumer topics[] entry: an events topic to a Kafka topic.
	 */
	public static class PublishingTopic extends FilteredTopic {

		/**
		 * Events topic to subscribe to.
		 */
		private @Nullable String topic;

		/**
		 * Kafka producer settings of this mapping.
		 */
		private final ProducerKafka kafka = new ProducerKafka();

		/**
		 * Forwarding of event metadata as Kafka headers.
		 */
		private final Headers headers = new Headers();

		/**
		 * Type of the application objects this mapping carries:
		 * KafkaEvents.publish(Object) sends an object assignable to it to this mapping's
		 * events topic.
		 */
		private @Nullable Class<?> payloadType;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public ProducerKafka getKafka() {
			return this.kafka;
		}

		public Headers getHeaders() {
			return this.headers;
		}

		public @Nullable Class<?> getPayloadType() {
			return this.payloadType;
		}

		public void setPayloadType(@Nullable Class<?> payloadType) {
			this.payloadType = payloadType;
		}

		/**
		 * Whether this mapping writes its records to the transactional outbox in the
		 * publisher's database transaction, to be sent after commit, instead of sending
		 * them directly. Unset means the instance's {@code outbox}.
		 */
		private @Nullable Boolean outbox;

		public @Nullable Boolean getOutbox() {
			return this.outbox;
		}

		public void setOutbox(@Nullable Boolean outbox) {
			this.outbox = outbox;
		}

	}

	/**
	 * Kafka producer settings of a publishing mapping.
	 */
	public static class ProducerKafka extends RecordFormatSettings {

		/**
		 * Kafka topic to send to.
		 */
		private @Nullable String topic;

		/**
		 * Whether topics may be created on metadata lookup. Accepted for Backstage
		 * compatibility; with the Java producer this is the broker's
		 * auto.create.topics.enable.
		 */
		private @Nullable Boolean allowAutoTopicCreation;

		/**
		 * Period after which metadata is refreshed (metadata.max.age.ms).
		 */
		private @Nullable Duration metadataMaxAge;

		/**
		 * Transaction timeout (transaction.timeout.ms).
		 */
		private @Nullable Duration transactionTimeout;

		/**
		 * Whether the producer is idempotent (enable.idempotence).
		 */
		private @Nullable Boolean idempotent;

		/**
		 * Maximum unacknowledged requests per connection
		 * (max.in.flight.requests.per.connection).
		 */
		private @Nullable Integer maxInFlightRequests;

		/**
		 * Retry settings of this producer, overriding the instance's.
		 */
		private final Retry retry = new Retry();

		/**
		 * Source of the record key: a metadata name, or a JSON pointer into the payload
		 * such as '/entity/id'.
		 */
		private @Nullable String key;

		/**
		 * Raw Kafka producer properties applied after the instance's properties.
		 */
		private final Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * Compression of the record batches of this mapping (compression.type),
		 * overriding the instance's compression.
		 */
		private @Nullable Compression compression;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public @Nullable Boolean getAllowAutoTopicCreation() {
			return this.allowAutoTopicCreation;
		}

		public void setAllowAutoTopicCreation(@Nullable Boolean allowAutoTopicCreation) {
			this.allowAutoTopicCreation = allowAutoTopicCreation;
		}

		public @Nullable Duration getMetadataMaxAge() {
			return this.metadataMaxAge;
		}

		public void setMetadataMaxAge(@Nullable Duration metadataMaxAge) {
			this.metadataMaxAge = metadataMaxAge;
		}

		public @Nullable Duration getTransactionTimeout() {
			return this.transactionTimeout;
		}

		public void setTransactionTimeout(@Nullable Duration transactionTimeout) {
			this.transactionTimeout = transactionTimeout;
		}

		public @Nullable Boolean getIdempotent() {
			return this.idempotent;
		}

		public void setIdempotent(@Nullable Boolean idempotent) {
			this.idempotent = idempotent;
		}

		public @Nullable Integer getMaxInFlightRequests() {
			return this.maxInFlightRequests;
		}

		public void setMaxInFlightRequests(@Nullable Integer maxInFlightRequests) {
			this.maxInFlightRequests = maxInFlightRequests;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public @Nullable Compression getCompression() {
			return this.compression;
		}

		public void setCompression(@Nullable Compression compression) {
			this.compression = compression;
		}

	}

	/**
	 * Header forwarding of a publishing mapping.
	 */
	public static class Headers {

		/**
		 * Whether event metadata is sent as Kafka headers.
		 */
		private boolean forward = false;

		/**
		 * Metadata names to forward, case-insensitive; when not empty, only these are
		 * sent.
		 */
		private @Nullable List<String> whitelist;

		/**
		 * Metadata names never forwarded, case-insensitive; when not set,
		 * 'authorization'.
		 */
		private @Nullable List<String> blacklist;

		public boolean isForward() {
			return this.forward;
		}

		public void setForward(boolean forward) {
			this.forward = forward;
		}

		public @Nullable List<String> getWhitelist() {
			return this.whitelist;
		}

		public void setWhitelist(@Nullable List<String> whitelist) {
			this.whitelist = whitelist;
		}

		public @Nullable List<String> getBlacklist() {
			return this.blacklist;
		}

		public void setBlacklist(@Nullable List<String> blacklist) {
			this.blacklist = blacklist;
		}

	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? "******" : null;
	}

	/**
	 * Compression codec of a producer's record batches, as the Kafka client's
	 * compression.type names it.
	 */
	public enum Compression {

		/**
		 * No compression.
		 */
		NONE("none"),

		/**
		 * GZIP compression.
		 */
		GZIP("gzip"),

		/**
		 * Snappy compression.
		 */
		SNAPPY("snappy"),

		/**
		 * LZ4 compression.
		 */
		LZ4("lz4"),

		/**
		 * Zstandard compression.
		 */
		ZSTD("zstd");

		private final String id;

		Compression(String id) {
			this.id = id;
		}

		/**
		 * Return the value of the Kafka client's compression.type.
		 * @return the codec name
		 */
		public String getId() {
			return this.id;
		}

	}

}
