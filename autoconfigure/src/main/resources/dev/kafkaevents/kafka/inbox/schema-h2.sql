CREATE TABLE IF NOT EXISTS kafka_events_inbox (
	group_id VARCHAR(255) NOT NULL,
	message_id VARCHAR(255) NOT NULL,
	mapping_id VARCHAR(255) NOT NULL,
	received_at TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (group_id, message_id)
);
CREATE INDEX IF NOT EXISTS kafka_events_inbox_received_idx ON kafka_events_inbox (received_at);
CREATE INDEX IF NOT EXISTS kafka_events_inbox_mapping_idx ON kafka_events_inbox (mapping_id);
