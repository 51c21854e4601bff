CREATE TABLE IF NOT EXISTS kafka_events_outbox (
	id BIGSERIAL PRIMARY KEY,
	event_id VARCHAR(36) NOT NULL,
	mapping_id VARCHAR(255) NOT NULL,
	lane INTEGER NOT NULL,
	topic VARCHAR(255) NOT NULL,
	record_key BYTEA,
	record_value BYTEA,
	record_headers BYTEA NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INTEGER NOT NULL,
	created_at TIMESTAMP(6) NOT NULL,
	next_attempt_at TIMESTAMP(6) NOT NULL,
	completed_at TIMESTAMP(6),
	last_error VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS kafka_events_outbox_status_idx ON kafka_events_outbox (status, lane, id);
CREATE TABLE IF NOT EXISTS kafka_events_outbox_lease (
	lease_name VARCHAR(255) PRIMARY KEY,
	owner VARCHAR(255),
	expires_at TIMESTAMP(6) NOT NULL
);
