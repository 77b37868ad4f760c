-- The audit trail becomes a table partitioned by month of occurred_at, so retention drops whole
-- partitions instead of deleting rows. Adds an inet copy of the client address (CIDR searches use
-- <<=) and the tamper-evidence chain (prev_hash, hash). Rows written before this version keep a
-- NULL hash: they predate the chain and are reported as unchained by verification.

ALTER TABLE audit.audit_event RENAME TO audit_event_v1;
ALTER INDEX audit.audit_event_pkey RENAME TO audit_event_v1_pkey;
ALTER INDEX audit.audit_event_account_recent_idx RENAME TO audit_event_v1_account_recent_idx;
ALTER INDEX audit.audit_event_type_recent_idx RENAME TO audit_event_v1_type_recent_idx;
ALTER INDEX audit.audit_event_occurred_at_idx RENAME TO audit_event_v1_occurred_at_idx;

CREATE TABLE audit.audit_event (
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  occurred_at     timestamptz NOT NULL,
  account_id      uuid        NULL,
  subject_key     text        NOT NULL,
  identifier_kind text        NULL,
  -- as the event carried it; a malformed address must not block the trail
  ip              text        NULL,
  -- the same address when it is a valid IP literal, for exact and CIDR searches
  ip_inet         inet        NULL,
  user_agent      text        NULL,
  request_id      text        NULL,
  outcome         text        NULL,
  reason          text        NULL,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  kafka_topic     text        NOT NULL,
  kafka_partition integer     NOT NULL,
  kafka_offset    bigint      NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  -- SHA-256 of the previous row of the same Kafka partition (zeros for the first), and of this row
  prev_hash       bytea       NULL,
  hash            bytea       NULL,
  -- the partition key must be part of every unique constraint; a replayed event has the same
  -- occurred_at, so ON CONFLICT still finds it
  PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- search filters, newest first (event ids are UUIDv7, so id order is time order)
CREATE INDEX audit_event_account_recent_idx ON audit.audit_event (account_id, event_id DESC);
CREATE INDEX audit_event_subject_recent_idx ON audit.audit_event (subject_key, event_id DESC);
CREATE INDEX audit_event_type_recent_idx ON audit.audit_event (type, event_id DESC);
CREATE INDEX audit_event_occurred_at_idx ON audit.audit_event (occurred_at);
CREATE INDEX audit_event_ip_idx ON audit.audit_event USING gist (ip_inet inet_ops);
-- the chain: the last row of a Kafka partition, and verification in offset order
CREATE INDEX audit_event_chain_idx ON audit.audit_event (kafka_topic, kafka_partition, kafka_offset);

-- Creates the month partition holding ts (UTC months) unless it exists. Concurrent writers and
-- processes serialise on an advisory lock, since CREATE TABLE IF NOT EXISTS alone can still race.
CREATE FUNCTION audit.ensure_month_partition(ts timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz := date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  month_end   timestamptz := (date_trunc('month', ts AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  name        text := 'audit_event_' || to_char(ts AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit.audit_event partitions'));
  EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.audit_event FOR VALUES FROM (%L) TO (%L)',
                 name, month_start, month_end);
  RETURN name;
END;
$$;

-- The address of an old row as inet, or NULL when it is not a valid literal.
CREATE FUNCTION audit.try_inet(address text) RETURNS inet
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN address::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;

-- partitions for every month that already holds rows, then the current month and the next two
SELECT audit.ensure_month_partition(month)
FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
      FROM audit.audit_event_v1) existing;
SELECT audit.ensure_month_partition(now() + make_interval(months => n)) FROM generate_series(0, 2) AS n;

INSERT INTO audit.audit_event (event_id, type, schema_version, occurred_at, account_id, subject_key,
  identifier_kind, ip, ip_inet, user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition,
  kafka_offset, recorded_at)
SELECT event_id, type, schema_version, occurred_at, account_id, subject_key, identifier_kind, ip,
  audit.try_inet(ip), user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition,
  kafka_offset, recorded_at
FROM audit.audit_event_v1;

DROP TABLE audit.audit_event_v1;
