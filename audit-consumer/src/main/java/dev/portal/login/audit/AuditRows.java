package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Maps between audit rows and their two other forms: the event that fills a row, and the item a query returns. */
final class AuditRows {
  private AuditRows() {
  }

  /** Parameters of {@link AuditSql#INSERT_EVENT}. */
  static Tuple insertParams(SourcedEvent<SecurityEvent> sourced) {
    SecurityEvent event = sourced.event();
    return Tuple.tuple()
        .addUUID(event.eventId())
        .addString(event.type())
        .addInteger(event.schemaVersion())
        .addOffsetDateTime(OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
        .addUUID(event.accountId())
        .addString(event.subjectKey())
        .addString(event.identifierKind())
        .addString(event.ip())
        .addString(event.userAgent())
        .addString(event.requestId())
        .addString(event.outcome())
        .addString(event.reason())
        .addJsonObject(event.details())
        .addString(sourced.topic())
        .addInteger(sourced.partition())
        .addLong(sourced.offset());
  }

  /** Parameters of {@link AuditSql#selectPage}, in the same order; one extra row tells whether a next page exists. */
  static Tuple pageParams(AuditQuery query) {
    Tuple params = Tuple.tuple();
    if (query.accountId() != null) {
      params.addUUID(query.accountId());
    }
    if (query.type() != null) {
      params.addString(query.type());
    }
    if (query.before() != null) {
      params.addUUID(query.before());
    }
    return params.addInteger(query.limit() + 1);
  }

  static String pageSql(AuditQuery query) {
    return AuditSql.selectPage(query.accountId() != null, query.type() != null, query.before() != null);
  }

  /**
   * The answer to a query from the rows of {@link AuditSql#selectPage} (at most limit + 1, newest
   * first): the first {@code limit} as items, and a cursor only when the extra row shows there is more.
   */
  static JsonObject toPage(Iterable<Row> rows, int limit) {
    JsonArray items = new JsonArray();
    UUID lastReturned = null;
    boolean more = false;
    for (Row row : rows) {
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(toItem(row));
      lastReturned = row.getUUID("event_id");
    }
    return new JsonObject()
        .put("items", items)
        .put("nextCursor", more ? AuditCursor.encode(lastReturned) : null);
  }

  /** One item of a query answer. */
  static JsonObject toItem(Row row) {
    UUID accountId = row.getUUID("account_id");
    Object details = row.getJson("details");
    return new JsonObject()
        .put("eventId", row.getUUID("event_id").toString())
        .put("type", row.getString("type"))
        .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
        .put("accountId", accountId == null ? null : accountId.toString())
        .put("identifierKind", row.getString("identifier_kind"))
        .put("ip", row.getString("ip"))
        .put("userAgent", row.getString("user_agent"))
        .put("requestId", row.getString("request_id"))
        .put("outcome", row.getString("outcome"))
        .put("reason", row.getString("reason"))
        .put("details", details instanceof JsonObject object ? object : new JsonObject());
  }
}
