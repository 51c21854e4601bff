package dev.kafkaevents.kafka.consumer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.kafkaevents.autoconfigure.events.EventsAutoConfiguration;
import dev.kafkaevents.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import dev.kafkaevents.events.EventHandler;
import dev.kafkaevents.events.EventParams;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A consuming application that {@link KafkaConsumingBridgeCrashIntegrationTests} runs in
 * a JVM of its own: it writes the id of each event it handles, with the time, to a file
 * before the handler returns.
 * <p>
 * Arguments: brokers, Kafka topic, group id, {@code autoCommit}, commit interval in
 * milliseconds (0 for none), the file of ids, and the handling time of one record in
 * microseconds; optionally {@code share} to consume through a share group named by the
 * group id.
 *
 * @author kafka-events
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ JacksonAutoConfiguration.class, EventsAutoConfiguration.class,
		KafkaEventsAutoConfiguration.class })
class IdRecordingApplication {

	static final String EVENTS_TOPIC = "crash.events";

	private static final String PREFIX = "events.modules.kafka.kafkaConsumingEventPublisher.crash.";

	public static void main(String[] args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(PREFIX + "clientId", "crash");
		properties.put(PREFIX + "brokers[0]", args[0]);
		properties.put(PREFIX + "topics[0].topic", EVENTS_TOPIC);
		properties.put(PREFIX + "topics[0].kafka.topics[0]", args[1]);
		properties.put(PREFIX + "topics[0].kafka.groupId", args[2]);
		properties.put(PREFIX + "topics[0].kafka.fromBeginning", "true");
		properties.put(PREFIX + "topics[0].kafka.autoCommit", args[3]);
		if (!"0".equals(args[4])) {
			properties.put(PREFIX + "topics[0].kafka.properties[auto.commit.interval.ms]", args[4]);
		}
		if (args.length > 7 && "share".equals(args[7])) {
			properties.put(PREFIX + "topics[0].kafka.shareGroup", "true");
		}
		else {
			properties.put(PREFIX + "topics[0].kafka.sessionTimeout", "6s");
			properties.put(PREFIX + "topics[0].kafka.heartbeatInterval", "1s");
		}
		properties.put("ids.file", args[5]);
		properties.put("ids.handling-nanos", Long.parseLong(args[6]) * 1000);
		properties.put("logging.level.org.apache.kafka", "WARN");
		SpringApplication application = new SpringApplication(IdRecordingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		application.run();
	}

	@Bean
	IdRecorder idRecorder(@Value("${ids.file}") Path file, @Value("${ids.handling-nanos}") long handlingNanos)
			throws IOException {
		return new IdRecorder(file, handlingNanos);
	}

	/**
	 * Appends {@code <id> <epoch millis>} lines to a file with one unbuffered write each,
	 * so that a line written before the handler returned survives a SIGKILL.
	 */
	static class IdRecorder {

		private final FileChannel channel;

		private final long handlingNanos;

		IdRecorder(Path file, long handlingNanos) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
			this.handlingNanos = handlingNanos;
		}

		@EventHandler(EVENTS_TOPIC)
		void handle(EventParams event) throws IOException {
			Object id = ((Map<?, ?>) event.eventPayload()).get("id");
			ByteBuffer line = ByteBuffer
				.wrap((id + " " + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.US_ASCII));
			while (line.hasRemaining()) {
				this.channel.write(line);
			}
			LockSupport.parkNanos(this.handlingNanos);
		}

	}

}
