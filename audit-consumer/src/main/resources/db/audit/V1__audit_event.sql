-- The audit trail: one row per security event. The event id is the primary key, so a replayed
-- Kafka record inserts nothing.
CREATE TABLE audit.audit_event (
  event_id        uuid        PRIMARY KEY,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  occurred_at     timestamptz NOT NULL,
  account_id      uuid        NULL,
  subject_key     text        NOT NULL,
  identifier_kind text        NULL,
  -- text rather than inet: a malformed address in an event must not block the whole trail
  ip              text        NULL,
  user_agent      text        NULL,
  request_id      text        NULL,
  outcome         text        NULL,
  reason          text        NULL,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  kafka_topic     text        NOT NULL,
  kafka_partition integer     NOT NULL,
  kafka_offset    bigint      NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

-- "recent activity of one account" and "all events of one type", newest first (event ids are UUIDv7)
CREATE INDEX audit_event_account_recent_idx ON audit.audit_event (account_id, event_id DESC);
CREATE INDEX audit_event_type_recent_idx ON audit.audit_event (type, event_id DESC);
-- time-range searches and, later, retention
CREATE INDEX audit_event_occurred_at_idx ON audit.audit_event (occurred_at);
