CREATE TABLE IF NOT EXISTS kafka_events_inbox (
	group_id VARCHAR(255) NOT NULL,
	message_id VARCHAR(255) NOT NULL,
	mapping_id VARCHAR(255) NOT NULL,
	received_at DATETIME(6) NOT NULL,
	PRIMARY KEY (group_id, message_id),
	INDEX kafka_events_inbox_received_idx (received_at),
	INDEX kafka_events_inbox_mapping_idx (mapping_id)
) ENGINE=InnoDB;
