CREATE TABLE IF NOT EXISTS kafka_events_outbox (
	id BIGINT AUTO_INCREMENT PRIMARY KEY,
	event_id VARCHAR(36) NOT NULL,
	mapping_id VARCHAR(255) NOT NULL,
	lane INTEGER NOT NULL,
	topic VARCHAR(255) NOT NULL,
	record_key BLOB,
	record_value LONGBLOB,
	record_headers MEDIUMBLOB NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INTEGER NOT NULL,
	created_at DATETIME(6) NOT NULL,
	next_attempt_at DATETIME(6) NOT NULL,
	completed_at DATETIME(6),
	last_error VARCHAR(1000),
	INDEX kafka_events_outbox_status_idx (status, lane, id)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS kafka_events_outbox_lease (
	lease_name VARCHAR(255) PRIMARY KEY,
	owner VARCHAR(255),
	expires_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
