package dev.kafkaevents.kafka.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A business entity saved through JPA in the same transaction as the outbox row.
 *
 * @author kafka-events
 */
@Entity
@Table(name = "outbox_jpa_order")
public class OutboxOrder {

	@Id
	private String id;

	protected OutboxOrder() {
	}

	OutboxOrder(String id) {
		this.id = id;
	}

	public String getId() {
		return this.id;
	}

}
