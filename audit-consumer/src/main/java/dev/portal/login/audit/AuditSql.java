package dev.portal.login.audit;

import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Every SQL statement of the audit module, in one place. */
final class AuditSql {
  /**
   * A whole batch in one statement: each parameter is the array of one column ({@link AuditRows#columns}),
   * unnested back into rows, which costs PostgreSQL one parse, one plan and one round trip instead of one
   * per row. Replays insert nothing: (event id, time) is the primary key. The inet copy of the address
   * is only given for a valid literal; details travel as text and are cast once.
   */
  static final String INSERT_EVENTS = """
      INSERT INTO audit.audit_event (event_id, type, schema_version, occurred_at, account_id, subject_key,
        identifier_kind, ip, user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition,
        kafka_offset, ip_inet, prev_hash, hash)
      SELECT event_id, type, schema_version, occurred_at, account_id, subject_key, identifier_kind, ip, user_agent,
        request_id, outcome, reason, details::jsonb, kafka_topic, kafka_partition, kafka_offset, ip_inet::inet,
        prev_hash, hash
      FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::uuid[], $6::text[], $7::text[],
        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[],
        $16::bigint[], $17::text[], $18::bytea[], $19::bytea[])
        AS batch(event_id, type, schema_version, occurred_at, account_id, subject_key, identifier_kind, ip,
          user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition, kafka_offset, ip_inet,
          prev_hash, hash)
      ON CONFLICT (event_id, occurred_at) DO NOTHING""";

  /** Which of the event ids ($1 uuid[]) are stored already. */
  static final String EXISTING_EVENT_IDS =
      "SELECT event_id FROM audit.audit_event WHERE event_id = ANY($1::uuid[])";

  /**
   * For each Kafka partition ($1 topics, $2 partitions, $3 first new offsets, index-aligned): the
   * hash of the stored row just before the first new offset, NULL when there is none.
   */
  static final String LAST_HASHES = """
      SELECT p.topic, p.part, (
        SELECT e.hash FROM audit.audit_event e
        WHERE e.kafka_topic = p.topic AND e.kafka_partition = p.part AND e.kafka_offset < p.first_offset
          AND e.hash IS NOT NULL
        ORDER BY e.kafka_offset DESC LIMIT 1) AS hash
      FROM unnest($1::text[], $2::int[], $3::bigint[]) AS p(topic, part, first_offset)""";

  /** Creates the month partition holding $1 if it is missing (under an advisory lock). */
  static final String ENSURE_PARTITION = "SELECT audit.ensure_month_partition($1)";

  /** The monthly partitions that exist now, by name (audit_event_YYYY_MM). */
  static final String LIST_PARTITIONS = """
      SELECT c.relname AS name
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace n ON n.oid = p.relnamespace
      WHERE n.nspname = 'audit' AND p.relname = 'audit_event'""";

  static final String PROBE = "SELECT 1";

  /** Counts of the credential-stuffing view since $1. */
  static final String SUMMARY_COUNTS = """
      SELECT count(*) FILTER (WHERE type = 'login.failed') AS failures,
        count(*) FILTER (WHERE type = 'login.succeeded') AS successes,
        count(*) FILTER (WHERE type = 'account.locked') AS locks,
        count(DISTINCT ip) FILTER (WHERE type = 'login.rejected' AND reason = 'throttled') AS throttled_ips
      FROM audit.audit_event WHERE occurred_at >= $1""";

  /** The addresses with most failed logins since $1, at most $2. */
  static final String TOP_FAILING_IPS = """
      SELECT ip AS key, count(*) AS failures FROM audit.audit_event
      WHERE occurred_at >= $1 AND type = 'login.failed' AND ip IS NOT NULL
      GROUP BY ip ORDER BY failures DESC, ip LIMIT $2""";

  /** The accounts with most failed logins since $1, at most $2. */
  static final String TOP_FAILING_ACCOUNTS = """
      SELECT account_id::text AS key, count(*) AS failures FROM audit.audit_event
      WHERE occurred_at >= $1 AND type = 'login.failed' AND account_id IS NOT NULL
      GROUP BY account_id ORDER BY failures DESC, account_id LIMIT $2""";

  /** The newest events of account $1, at most $2. */
  static final String ACCOUNT_ACTIVITY = """
      SELECT event_id, type, occurred_at, outcome, reason, ip, user_agent, details->>'sessionId' AS session_id,
        details->>'actor' AS actor
      FROM audit.audit_event WHERE account_id = $1
      ORDER BY event_id DESC LIMIT $2""";

  /**
   * For each Kafka partition with rows that occurred in [$1, $2): the lowest and highest offset of
   * those rows. The chain is checked over every row between them, whatever its time.
   */
  static final String CHAIN_SPANS = """
      SELECT kafka_topic, kafka_partition, min(kafka_offset) AS low, max(kafka_offset) AS high
      FROM audit.audit_event WHERE occurred_at >= $1 AND occurred_at < $2
      GROUP BY kafka_topic, kafka_partition ORDER BY kafka_topic, kafka_partition""";

  /** Rows of one chain ($1 topic, $2 partition) with offsets in ($3, $4], in offset order, at most $5. */
  static final String CHAIN_ROWS = """
      SELECT event_id, type, schema_version, occurred_at, account_id, subject_key, identifier_kind, ip,
        user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition, kafka_offset,
        prev_hash, hash
      FROM audit.audit_event
      WHERE kafka_topic = $1 AND kafka_partition = $2 AND kafka_offset > $3 AND kafka_offset <= $4
      ORDER BY kafka_offset LIMIT $5""";

  private static final String SELECT_PAGE = """
      SELECT event_id, type, occurred_at, account_id, identifier_kind, ip, user_agent, request_id, outcome,
        reason, details
      FROM audit.audit_event""";

  private static final String SELECT_CATCH_UP = """
      SELECT kafka_offset, event_id, type, occurred_at, account_id, identifier_kind, ip, user_agent, request_id,
        outcome, reason, details
      FROM audit.audit_event""";

  /** A statement with the parameters that fill its placeholders. */
  record Statement(String sql, Tuple params) {
  }

  private AuditSql() {
  }

  static String dropPartition(String name) {
    if (!AuditPartitions.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an audit partition name");
    }
    return "DROP TABLE IF EXISTS audit." + name;
  }

  /**
   * A page of events: newest first, or oldest first after an event id. Each filter is left out of
   * the statement when not asked for (rather than "$n IS NULL OR ...") so the planner can use the
   * matching index and prune partitions. One row beyond the limit tells whether more exist.
   */
  static Statement search(AuditQuery query) {
    List<String> conditions = new ArrayList<>();
    Tuple params = Tuple.tuple();
    addFilters(query, conditions, params);
    if (query.before() != null) {
      params.addUUID(query.before());
      conditions.add("event_id < $" + params.size());
    }
    if (query.after() != null) {
      params.addUUID(query.after());
      conditions.add("event_id > $" + params.size());
    }
    params.addInteger(query.limit() + 1);
    String where = conditions.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", conditions);
    String order = query.ascending() ? "ASC" : "DESC";
    return new Statement(SELECT_PAGE + where + "\nORDER BY event_id " + order + "\nLIMIT $" + params.size(), params);
  }

  /**
   * The rows of one Kafka partition with offsets in [from, until) that match the filters, in offset
   * order: topic, partition and the offset range lead, so the chain index on (topic, partition, offset)
   * serves it whatever the filters. One row beyond the limit tells whether more exist.
   */
  static Statement catchUp(AuditCatchUp request) {
    List<String> conditions = new ArrayList<>();
    Tuple params = Tuple.tuple().addString(request.topic()).addInteger(request.partition())
        .addLong(request.from()).addLong(request.until());
    conditions.add("kafka_topic = $1 AND kafka_partition = $2 AND kafka_offset >= $3 AND kafka_offset < $4");
    addFilters(request.filters(), conditions, params);
    params.addInteger(request.limit() + 1);
    return new Statement(SELECT_CATCH_UP + "\nWHERE " + String.join(" AND ", conditions)
        + "\nORDER BY kafka_offset\nLIMIT $" + params.size(), params);
  }

  /** The search filters a query asks for, as conditions with their parameters appended. */
  private static void addFilters(AuditQuery query, List<String> conditions, Tuple params) {
    if (query.accountId() != null) {
      params.addUUID(query.accountId());
      conditions.add("account_id = $" + params.size());
    }
    if (!query.subjectKeys().isEmpty()) {
      params.addArrayOfString(query.subjectKeys().toArray(String[]::new));
      conditions.add("subject_key = ANY($" + params.size() + "::text[])");
    }
    if (query.ip() != null) {
      params.addString(query.ip());
      conditions.add("ip_inet <<= $" + params.size() + "::text::inet");
    }
    if (query.type() != null) {
      params.addString(query.type());
      conditions.add("type = $" + params.size());
    }
    if (query.outcome() != null) {
      params.addString(query.outcome());
      conditions.add("outcome = $" + params.size());
    }
    if (query.from() != null) {
      params.addOffsetDateTime(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
      conditions.add("occurred_at >= $" + params.size());
    }
    if (query.to() != null) {
      params.addOffsetDateTime(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
      conditions.add("occurred_at < $" + params.size());
    }
  }
}
