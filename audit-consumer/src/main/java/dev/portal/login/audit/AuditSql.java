package dev.portal.login.audit;

import java.util.ArrayList;
import java.util.List;

/** Every SQL statement of the audit module, in one place. */
final class AuditSql {
  /** Replays insert nothing: the event id is the primary key. Parameters follow {@link AuditRows#insertParams}. */
  static final String INSERT_EVENT = """
      INSERT INTO audit.audit_event (event_id, type, schema_version, occurred_at, account_id, subject_key,
        identifier_kind, ip, user_agent, request_id, outcome, reason, details, kafka_topic, kafka_partition,
        kafka_offset)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (event_id) DO NOTHING""";

  static final String PROBE = "SELECT 1";

  private static final String SELECT_PAGE = """
      SELECT event_id, type, occurred_at, account_id, identifier_kind, ip, user_agent, request_id, outcome,
        reason, details
      FROM audit.audit_event""";

  private AuditSql() {
  }

  /**
   * A page of events, newest first. Each filter is left out of the statement when not asked for
   * (rather than "$n IS NULL OR ...") so the planner can use the matching index. Parameters follow
   * {@link AuditRows#pageParams}: account id, type, cursor (each only when used), then the row limit.
   */
  static String selectPage(boolean byAccount, boolean byType, boolean afterCursor) {
    List<String> conditions = new ArrayList<>();
    int parameter = 0;
    if (byAccount) {
      conditions.add("account_id = $" + ++parameter);
    }
    if (byType) {
      conditions.add("type = $" + ++parameter);
    }
    if (afterCursor) {
      conditions.add("event_id < $" + ++parameter);
    }
    String where = conditions.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", conditions);
    return SELECT_PAGE + where + "\nORDER BY event_id DESC\nLIMIT $" + ++parameter;
  }
}
