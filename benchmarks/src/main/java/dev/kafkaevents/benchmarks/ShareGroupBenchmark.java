package dev.kafkaevents.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.kafkaevents.benchmarks.ConsumingBenchmark.CountingHandler;
import dev.kafkaevents.benchmarks.Result.Moved;
import dev.kafkaevents.benchmarks.Result.Target;
import dev.kafkaevents.benchmarks.Stopwatch.Throughput;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consuming through a share group: raw {@link KafkaShareConsumer} loops in explicit
 * acknowledgement mode, one thread per member, that parse each value and accept it, the
 * acknowledgements travelling with the next poll, against a share-group mapping
 * ({@code kafka.shareGroup: true}) with as many members delivering to an
 * {@code @EventHandler}; and the share-group mapping against this project's
 * consumer-group mapping ({@code autoCommit: true}) on the same topic.
 *
 * @author kafka-events
 */
final class ShareGroupBenchmark {

	private final BenchmarkSetup setup;

	ShareGroupBenchmark(BenchmarkSetup setup) {
		this.setup = setup;
	}

	List<Result> run() {
		String topic = this.setup.sourceTopic();
		List<Measurement> raw1 = new ArrayList<>();
		List<Measurement> share1 = new ArrayList<>();
		List<Measurement> raw4 = new ArrayList<>();
		List<Measurement> share4 = new ArrayList<>();
		List<Measurement> consumerGroup = new ArrayList<>();
		Benchmarks.rounds(this.setup.options(),
				() -> raw1.add(Benchmarks.logged("share group, raw 1 member", measureRaw(topic, 1))),
				() -> share1.add(Benchmarks.logged("share group, bridge 1 member", measureBridge(topic, 1))),
				() -> raw4.add(Benchmarks.logged("share group, raw 4 members", measureRaw(topic, 4))),
				() -> share4.add(Benchmarks.logged("share group, bridge 4 members", measureBridge(topic, 4))),
				() -> consumerGroup.add(Benchmarks.logged("share group, bridge consumer group",
						new ConsumingBenchmark(this.setup).measureBridge(topic, true, warmup(), total()))));
		return List.of(result("share group, 1 member", raw1, share1, Target.atLeast(0.85)),
				result("share group, 4 members", raw4, share4, Target.atLeast(0.85)),
				result("share group (1 member) against the consumer-group mapping", consumerGroup, share1,
						Target.described("for information")));
	}

	private Result result(String name, List<Measurement> raw, List<Measurement> bridge, Target target) {
		return Result.throughput(name, raw, bridge, target,
				new Moved(total(), ConsumingBenchmark.last(raw).moved(), ConsumingBenchmark.last(bridge).moved()));
	}

	private long warmup() {
		return this.setup.options().warmup();
	}

	private long total() {
		return this.setup.options().total();
	}

	private Measurement measureRaw(String topic, int members) {
		String group = this.setup.broker().uniqueName("raw-share");
		this.setup.broker().setGroupConfig(group, "share.auto.offset.reset", "earliest");
		AtomicLong count = new AtomicLong();
		List<Background> loops = new ArrayList<>();
		try {
			for (int i = 0; i < members; i++) {
				String clientId = group + "-" + i;
				loops.add(Background.start("raw-share-" + i,
						(background) -> consume(topic, group, clientId, count, background)));
			}
			Throughput rate = Waits.rate(count::get, warmup(), total(), timeout(),
					() -> loops.forEach(Background::check));
			return new Measurement(rate, count.get());
		}
		finally {
			loops.forEach(Background::close);
		}
	}

	private void consume(String topic, String group, String clientId, AtomicLong count, Background background) {
		Payload payload = this.setup.payload();
		long sink = 0;
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.setup.broker().bootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		properties.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
		try (KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(properties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			while (background.running() && count.get() < total()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					sink += Payload.consume(payload.parse(record.value()));
					consumer.acknowledge(record, AcknowledgeType.ACCEPT);
					count.incrementAndGet();
				}
			}
		}
		Benchmarks.sink(sink);
	}

	private Measurement measureBridge(String topic, int members) {
		CountingHandler handler = new CountingHandler();
		String group = this.setup.broker().uniqueName("bridge-share");
		try (BridgeApplication application = this.setup.bridge()
			.consuming(ConsumingBenchmark.EVENTS_TOPIC, topic, group, true)
			.property("events.modules.kafka.kafkaConsumingEventPublisher.bench.topics[0].kafka.shareGroup", true)
			.property("events.modules.kafka.kafkaConsumingEventPublisher.bench.topics[0].kafka.concurrency", members)
			.bean(CountingHandler.class, () -> handler)
			.run()) {
			Throughput rate = Waits.rate(handler::count, warmup(), total(), timeout(), () -> {
			});
			return new Measurement(rate, handler.count());
		}
	}

	private Duration timeout() {
		return Waits.forRecords(total());
	}

}
