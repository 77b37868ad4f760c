package dev.portal.login.audit;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.UserAgentSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * A person's own recent security events, for "my activity": when, what, from where and on which
 * device, and whether it was this very session. Only what the person may see: no subject keys,
 * Kafka positions, hashes or request ids, and for what an administrator did to the account (unlock,
 * revoke, disable) only that it was one: their address and device are theirs, not the owner's.
 */
final class AccountActivity {
  static final int LIMIT = 50;

  private final Pool pool;

  AccountActivity(Pool pool) {
    this.pool = pool;
  }

  /**
   * {accountId, sessionId?} -> {items: [{occurredAt, type, outcome, reason, ip, device, thisSession,
   * byAdministrator}]}.
   */
  Future<JsonObject> recent(JsonObject request) {
    UUID accountId = accountIdOf(request);
    String sessionId = request.getValue("sessionId") instanceof String text ? text : null;
    return pool.preparedQuery(AuditSql.ACCOUNT_ACTIVITY).execute(Tuple.of(accountId, LIMIT))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(toItem(row, accountId, sessionId)));
          return new JsonObject().put("items", items);
        });
  }

  static JsonObject toItem(Row row, UUID accountId, String sessionId) {
    String eventSession = row.getString("session_id");
    String actor = row.getString("actor");
    boolean byAdministrator = actor != null && !actor.equals(accountId.toString());
    return new JsonObject()
        .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
        .put("type", row.getString("type"))
        .put("outcome", row.getString("outcome"))
        .put("reason", row.getString("reason"))
        .put("ip", byAdministrator ? null : row.getString("ip"))
        .put("device", byAdministrator ? null : UserAgentSummary.of(row.getString("user_agent")))
        .put("thisSession", sessionId != null && sessionId.equals(eventSession))
        .put("byAdministrator", byAdministrator);
  }

  private static UUID accountIdOf(JsonObject request) {
    try {
      return UUID.fromString(request.getString("accountId"));
    } catch (RuntimeException e) {
      throw new ProblemException(Problem.validation(List.of(new Problem.FieldError("accountId", "must be a UUID"))));
    }
  }
}
