package dev.kafkaevents.kafka.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kafkaevents.events.EventsService;
import dev.kafkaevents.test.TestDatabase;
import dev.kafkaevents.test.TestKafka;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox with JPA: the entity and the outbox row commit together through Hibernate's
 * {@link JpaTransactionManager}, and roll back together.
 *
 * @author kafka-events
 */
class OutboxJpaIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anEventPublishedInAJpaTransactionIsSentOnlyWhenTheEntityCommits(TestDatabase database) {
		database.assumeAvailable();
		String topic = TestKafka.createTopic("outbox-jpa", 1);
		Map<String, Object> properties = new LinkedHashMap<>(
				OutboxApplication.properties(database, TestKafka.brokers(), topic, TestDatabase.uniquePrefix()));
		properties.put("spring.jpa.hibernate.ddl-auto", "create-drop");
		try (ConfigurableApplicationContext context = OutboxApplication.start(properties, Jpa.class)) {
			assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
			EventsService events = context.getBean(EventsService.class);
			EntityManager entityManager = context.getBean(EntityManager.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			transactions.executeWithoutResult((status) -> {
				entityManager.persist(new OutboxOrder("rolled-back"));
				OutboxApplication.publish(events, "order", "rolled-back");
				status.setRollbackOnly();
			});
			transactions.executeWithoutResult((status) -> {
				entityManager.persist(new OutboxOrder("committed"));
				OutboxApplication.publish(events, "order", "committed");
			});
			await().atMost(TestKafka.timeout()).until(() -> TestKafka.recordCount(topic) >= 1);
			List<ConsumerRecord<byte[], byte[]>> records = TestKafka.records(topic, 1);
			assertThat(OutboxIntegrationTests.valuesByKey(records))
				.containsExactly(Map.entry("order", List.of("committed")));
			OutboxOrder rolledBack = transactions
				.execute((status) -> entityManager.find(OutboxOrder.class, "rolled-back"));
			assertThat(rolledBack).isNull();
		}
	}

	/**
	 * Hibernate with the test entity.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(HibernateJpaAutoConfiguration.class)
	@EntityScan(basePackageClasses = OutboxOrder.class)
	static class Jpa {

	}

}
