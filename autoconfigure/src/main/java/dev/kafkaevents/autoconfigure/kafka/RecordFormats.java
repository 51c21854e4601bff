package dev.kafkaevents.autoconfigure.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.kafkaevents.autoconfigure.kafka.KafkaEventsProperties.RecordFormatSettings;
import dev.kafkaevents.kafka.format.RecordFormat;
import dev.kafkaevents.kafka.format.ValueCodec;
import dev.kafkaevents.kafka.format.ValueFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Resolves the {@code valueFormat}, {@code keyFormat}, {@code avroSchema} and
 * {@code avroSchemaLocation} keys of a mapping into a {@link RecordFormat}, reading and
 * parsing an Avro schema once so that one that does not parse fails startup.
 *
 * @author kafka-events
 */
final class RecordFormats {

	private final ResourceLoader resourceLoader;

	RecordFormats(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Resolve the format of a mapping.
	 * @param path the path of the mapping's {@code kafka} keys
	 * @param settings the settings
	 * @param problems where problems are reported
	 * @return the format, {@link RecordFormat#DEFAULT} when the settings are not usable
	 */
	RecordFormat resolve(String path, RecordFormatSettings settings, ConfigurationProblems problems) {
		if (settings.getValueFormat() != ValueFormat.AVRO) {
			problems.noEffect(path + ".avroSchema", settings.getAvroSchema());
			problems.noEffect(path + ".avroSchemaLocation", settings.getAvroSchemaLocation());
			return new RecordFormat(settings.getValueFormat(), settings.getKeyFormat(), null);
		}
		String schemaPath = StringUtils.hasText(settings.getAvroSchemaLocation()) ? path + ".avroSchemaLocation"
				: path + ".avroSchema";
		String schema = schema(path, settings, problems);
		if (schema == null) {
			return RecordFormat.DEFAULT;
		}
		RecordFormat format = new RecordFormat(ValueFormat.AVRO, settings.getKeyFormat(), schema);
		try {
			ValueCodec.of(format, new JsonMapper());
			return format;
		}
		catch (RuntimeException ex) {
			problems.problem(schemaPath, ex.getMessage(), "Set " + schemaPath + " to a valid Avro schema.");
			return RecordFormat.DEFAULT;
		}
	}

	private @Nullable String schema(String path, RecordFormatSettings settings, ConfigurationProblems problems) {
		String inline = settings.getAvroSchema();
		String location = settings.getAvroSchemaLocation();
		if (StringUtils.hasText(inline) == StringUtils.hasText(location)) {
			problems.problem(path + ".avroSchema",
					"The avro value format needs exactly one of avroSchema and avroSchemaLocation.",
					"Set " + path + ".avroSchema to the schema or " + path + ".avroSchemaLocation to its location.");
			return null;
		}
		if (StringUtils.hasText(inline)) {
			return inline;
		}
		Resource resource = this.resourceLoader.getResource(location.strip());
		try (InputStream content = resource.getInputStream()) {
			return new String(content.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			problems.problem(path + ".avroSchemaLocation",
					"The Avro schema at '" + location + "' cannot be read (" + ex.getMessage() + ").",
					"Set " + path + ".avroSchemaLocation to a readable location such as classpath:avro/order.avsc.");
			return null;
		}
	}

}
