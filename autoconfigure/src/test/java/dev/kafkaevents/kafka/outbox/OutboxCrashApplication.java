package dev.kafkaevents.kafka.outbox;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import dev.kafkaevents.events.EventsService;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publishing application that {@link OutboxCrashIntegrationTests} runs in a JVM of
 * its own: it publishes events until the business table holds the given number of rows,
 * each event in a transaction that also inserts its business row, and keeps dispatching
 * the outbox until it is killed.
 * <p>
 * Arguments: JDBC URL, username, password, brokers, Kafka topic, table prefix, run
 * number, number of business rows.
 *
 * @author kafka-events
 */
final class OutboxCrashApplication {

	private OutboxCrashApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		String prefix = args[5];
		Map<String, Object> properties = OutboxApplication.properties(args[0], args[1], args[2], args[3], args[4],
				prefix);
		properties.put("events.modules.kafka.outbox.lease-duration", "4s");
		properties.put("events.modules.kafka.outbox.send-timeout", "1s");
		ConfigurableApplicationContext context = OutboxApplication.start(properties);
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		jdbc.execute(
				"CREATE TABLE IF NOT EXISTS " + prefix + "business (id INTEGER PRIMARY KEY, run INTEGER NOT NULL)");
		int run = Integer.parseInt(args[6]);
		int rows = Integer.parseInt(args[7]);
		EventsService events = context.getBean(EventsService.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		Integer max = jdbc.queryForObject("SELECT MAX(id) FROM " + prefix + "business", Integer.class);
		for (int id = (max != null) ? max + 1 : 0; id < rows; id++) {
			int current = id;
			transactions.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO " + prefix + "business (id, run) VALUES (?, ?)", current, run);
				OutboxApplication.publish(events, "k" + (current % 500), run + ":" + current);
			});
		}
		System.out.println("PUBLISHED");
		new CountDownLatch(1).await();
	}

}
