package dev.kafkaevents.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Result.Unit;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.kafka.reply.KafkaRequests;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Request-reply round trips with 1 and 64 requests in flight: a raw
 * {@link ReplyingKafkaTemplate} asking a plain spring-kafka responder (a listener
 * container that parses each request and sends it back with the correlation id, as a
 * {@code @SendTo} listener does), against {@link KafkaRequests} asking an
 * {@code @EventHandler} that returns the parsed payload, in one application. Both sides
 * send with {@code acks=all} and {@code linger.ms=0}.
 *
 * @author kafka-events
 */
final class RequestReplyBenchmark {

	static final String ASK_TOPIC = "bench.ask";

	static final String QUESTION_TOPIC = "bench.question";

	private static final int[] IN_FLIGHT = { 1, 64 };

	private final BenchmarkSetup setup;

	RequestReplyBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		List<Result> results = new ArrayList<>();
		for (int inFlight : IN_FLIGHT) {
			List<RoundTrips> raw = new ArrayList<>();
			List<RoundTrips> bridge = new ArrayList<>();
			Benchmarks.rounds(this.setup.options(),
					() -> raw.add(logged("request-reply raw, " + inFlight + " in flight", measureRaw(inFlight))),
					() -> bridge
						.add(logged("request-reply bridge, " + inFlight + " in flight", measureBridge(inFlight))));
			Moved moved = new Moved(warmup() + requests(), raw.get(raw.size() - 1).answered(),
					bridge.get(bridge.size() - 1).answered());
			String suffix = ", " + inFlight + " in flight";
			results.add(Result.of("request-reply round trips" + suffix, Unit.RECORDS_PER_SECOND,
					raw.stream().map(RoundTrips::perSecond).toList(),
					bridge.stream().map(RoundTrips::perSecond).toList(), Target.described("reported"), moved));
			results.add(Result.of("request-reply p50" + suffix, Unit.LATENCY_MILLISECONDS,
					raw.stream().map((each) -> each.percentile(0.5)).toList(),
					bridge.stream().map((each) -> each.percentile(0.5)).toList(), Target.described("reported"), null));
			results.add(Result.of("request-reply p99" + suffix, Unit.LATENCY_MILLISECONDS,
					raw.stream().map((each) -> each.percentile(0.99)).toList(),
					bridge.stream().map((each) -> each.percentile(0.99)).toList(), Target.described("reported"), null));
		}
		return results;
	}

	private long requests() {
		return this.setup.options().requestReplyRequests();
	}

	private long warmup() {
		return Math.max(1, requests() / 5);
	}

	private static RoundTrips logged(String name, RoundTrips roundTrips) {
		Benchmarks.log("%-40s %,10.0f round trips/s, p50 %.2f ms, p99 %.2f ms", name, roundTrips.perSecond(),
				roundTrips.percentile(0.5), roundTrips.percentile(0.99));
		return roundTrips;
	}

	private RoundTrips measureRaw(int inFlight) {
		BenchmarkBroker broker = this.setup.broker();
		String requestTopic = broker.createTopic("request-raw", this.setup.options().partitions());
		String replyTopic = broker.createTopic("reply-raw", this.setup.options().partitions());
		DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(producerProperties());
		KafkaMessageListenerContainer<byte[], byte[]> responder = responder(requestTopic,
				new KafkaTemplate<>(producers));
		ReplyingKafkaTemplate<byte[], byte[], byte[]> template = new ReplyingKafkaTemplate<>(producers,
				container(replyTopic, "raw-replies", "latest"));
		try {
			responder.start();
			template.start();
			Waits.until(() -> hasPartitions(responder) && awaitAssignment(template), Duration.ofSeconds(60),
					"the raw responder's and reply consumer's partitions");
			Payload payload = this.setup.payload();
			byte[] value = payload.json();
			return measure(inFlight,
					(i) -> template.sendAndReceive(new ProducerRecord<>(requestTopic, value), Duration.ofSeconds(60)));
		}
		finally {
			template.stop();
			template.destroy();
			responder.stop();
			producers.destroy();
		}
	}

	private static boolean hasPartitions(KafkaMessageListenerContainer<?, ?> container) {
		Collection<?> partitions = container.getAssignedPartitions();
		return partitions != null && !partitions.isEmpty();
	}

	private static boolean awaitAssignment(ReplyingKafkaTemplate<?, ?, ?> template) {
		try {
			return template.waitForAssignment(Duration.ZERO);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private KafkaMessageListenerContainer<byte[], byte[]> responder(String requestTopic,
			KafkaTemplate<byte[], byte[]> replies) {
		Payload payload = this.setup.payload();
		KafkaMessageListenerContainer<byte[], byte[]> container = container(requestTopic, "raw-responder", "earliest");
		container.setupMessageListener((MessageListener<byte[], byte[]>) (request) -> {
			Header correlation = request.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
			String replyTopic = new String(request.headers().lastHeader(KafkaHeaders.REPLY_TOPIC).value(),
					StandardCharsets.UTF_8);
			ProducerRecord<byte[], byte[]> reply = new ProducerRecord<>(replyTopic,
					payload.write(payload.parse(request.value())));
			reply.headers().add(correlation);
			replies.send(reply);
		});
		return container;
	}

	private KafkaMessageListenerContainer<byte[], byte[]> container(String topic, String name, String reset) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.setup.broker().bootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.setup.broker().uniqueName(name));
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(properties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		return new KafkaMessageListenerContainer<>(consumers, new ContainerProperties(topic));
	}

	private Map<String, Object> producerProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.setup.broker().bootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return properties;
	}

	private RoundTrips measureBridge(int inFlight) {
		BenchmarkBroker broker = this.setup.broker();
		String requestTopic = broker.createTopic("request-bridge", this.setup.options().partitions());
		String replyTopic = broker.createTopic("reply-bridge", this.setup.options().partitions());
		try (BridgeApplication application = this.setup.bridge()
			.publishing(ASK_TOPIC, requestTopic)
			.consuming(QUESTION_TOPIC, requestTopic, broker.uniqueName("bridge-answers"), true)
			.property("events.modules.kafka.requestReply.requesters.bench.replyTopic", replyTopic)
			.bean(EchoAnswers.class, EchoAnswers::new)
			.run()) {
			application.awaitAssignment(Duration.ofSeconds(60));
			KafkaRequests requests = application.bean(KafkaRequests.class);
			Map<String, Object> payload = this.setup.payload().map();
			return measure(inFlight, (i) -> requests.request(ASK_TOPIC, payload, Map.class));
		}
	}

	/**
	 * Send the requests with at most the given number in flight, the first fifth as a
	 * warm-up.
	 * @param inFlight requests in flight at most
	 * @param request sends request {@code i}
	 * @return the round trips
	 */
	private RoundTrips measure(int inFlight, IntFunction<CompletableFuture<?>> request) {
		int warmup = (int) warmup();
		int total = (int) (warmup + requests());
		RoundTrips roundTrips = new RoundTrips(warmup, total);
		Semaphore permits = new Semaphore(inFlight);
		List<CompletableFuture<?>> pending = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			permits.acquireUninterruptibly();
			if (i == warmup) {
				roundTrips.start();
			}
			long start = System.nanoTime();
			int index = i;
			pending.add(request.apply(i).whenComplete((reply, failure) -> {
				roundTrips.record(index, System.nanoTime() - start, failure == null);
				permits.release();
			}));
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		roundTrips.stop();
		return roundTrips;
	}

	/**
	 * Answers each question with its payload.
	 */
	static class EchoAnswers {

		@EventHandler(topics = QUESTION_TOPIC)
		Map<String, Object> answer(Map<String, Object> question) {
			return question;
		}

	}

	/**
	 * The latencies of the measured round trips and their rate.
	 */
	static final class RoundTrips {

		private final int warmup;

		private final long[] nanos;

		private final AtomicLong answered = new AtomicLong();

		private long started;

		private long stopped;

		RoundTrips(int warmup, int total) {
			this.warmup = warmup;
			this.nanos = new long[total];
		}

		void start() {
			this.started = System.nanoTime();
		}

		void stop() {
			this.stopped = System.nanoTime();
		}

		void record(int index, long nanos, boolean answered) {
			this.nanos[index] = nanos;
			if (answered) {
				this.answered.incrementAndGet();
			}
		}

		long answered() {
			return this.answered.get();
		}

		double perSecond() {
			return (this.nanos.length - this.warmup) / ((this.stopped - this.started) / 1e9);
		}

		double percentile(double percentile) {
			long[] measured = Arrays.copyOfRange(this.nanos, this.warmup, this.nanos.length);
			Arrays.sort(measured);
			int index = (int) Math.min(measured.length - 1, Math.ceil(percentile * measured.length) - 1);
			return measured[Math.max(0, index)] / 1e6;
		}

	}

}
