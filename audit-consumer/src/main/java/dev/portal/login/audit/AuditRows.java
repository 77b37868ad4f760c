package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.ClientNetwork;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Maps between audit rows and their two other forms: the event that fills a row, and the item a query returns. */
final class AuditRows {
  private AuditRows() {
  }

  /** One row of {@link AuditSql#INSERT_EVENTS}, without the chain (null hashes): rows as before the chain. */
  static Tuple insertParams(SourcedEvent<SecurityEvent> sourced) {
    return insertParams(sourced, null, null);
  }

  /** One row of {@link AuditSql#INSERT_EVENTS}: the event, its Kafka position and its link in the chain. */
  static Tuple insertParams(SourcedEvent<SecurityEvent> sourced, byte[] prevHash, byte[] hash) {
    SecurityEvent event = sourced.event();
    return Tuple.tuple()
        .addUUID(event.eventId())
        .addString(event.type())
        .addInteger(event.schemaVersion())
        .addOffsetDateTime(OffsetDateTime.ofInstant(AuditChain.storedInstant(event.occurredAt()), ZoneOffset.UTC))
        .addUUID(event.accountId())
        .addString(event.subjectKey())
        .addString(event.identifierKind())
        .addString(event.ip())
        .addString(event.userAgent())
        .addString(event.requestId())
        .addString(event.outcome())
        .addString(event.reason())
        .addString(event.details().encode())
        .addString(sourced.topic())
        .addInteger(sourced.partition())
        .addLong(sourced.offset())
        .addString(inetLiteral(event.ip()))
        .addBuffer(prevHash == null ? null : Buffer.buffer(prevHash))
        .addBuffer(hash == null ? null : Buffer.buffer(hash));
  }

  /** Column element types of {@link AuditSql#INSERT_EVENTS}, index-aligned with {@link #insertParams}. */
  private static final Class<?>[] COLUMN_TYPES = {UUID.class, String.class, Integer.class, OffsetDateTime.class,
      UUID.class, String.class, String.class, String.class, String.class, String.class, String.class, String.class,
      String.class, String.class, Integer.class, Long.class, String.class, Buffer.class, Buffer.class};

  /** The parameters of {@link AuditSql#INSERT_EVENTS}: rows from {@link #insertParams} turned into column arrays. */
  static Tuple columns(List<Tuple> rows) {
    Tuple columns = Tuple.tuple();
    for (int column = 0; column < COLUMN_TYPES.length; column++) {
      Object[] values = (Object[]) Array.newInstance(COLUMN_TYPES[column], rows.size());
      for (int row = 0; row < values.length; row++) {
        values[row] = rows.get(row).getValue(column);
      }
      columns.addValue(values);
    }
    return columns;
  }

  /** The address as PostgreSQL's inet reads it, or null when the event's text is not an IP literal. */
  static String inetLiteral(String ip) {
    InetAddress address = ClientNetwork.parseLiteral(ip);
    return address == null ? null : address.getHostAddress();
  }

  /** The event a stored row was written from (its chained fields), for recomputing its hash. */
  static SecurityEvent eventOf(Row row) {
    Object details = row.getJson("details");
    return new SecurityEvent(row.getUUID("event_id"), row.getString("type"), row.getInteger("schema_version"),
        row.getOffsetDateTime("occurred_at").toInstant(), row.getUUID("account_id"), row.getString("subject_key"),
        row.getString("identifier_kind"), row.getString("ip"), row.getString("user_agent"),
        row.getString("request_id"), row.getString("outcome"), row.getString("reason"),
        details instanceof JsonObject object ? object : new JsonObject());
  }

  /** The statement of one search page: parameters and placeholders built together. */
  static AuditSql.Statement page(AuditQuery query) {
    return AuditSql.search(query);
  }

  /**
   * The answer to a query from the rows of {@link AuditSql#selectPage} (at most limit + 1, newest
   * first): the first {@code limit} as items, and a cursor only when the extra row shows there is more.
   */
  static JsonObject toPage(Iterable<Row> rows, int limit) {
    return toPage(rows, limit, false);
  }

  /**
   * As {@link #toPage(Iterable, int)}; oldest-first pages (after an event id) carry {@code nextAfter},
   * the id to continue after, instead of a cursor.
   */
  static JsonObject toPage(Iterable<Row> rows, int limit, boolean ascending) {
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
    if (ascending) {
      return new JsonObject().put("items", items).put("nextAfter", more ? lastReturned.toString() : null);
    }
    return new JsonObject()
        .put("items", items)
        .put("nextCursor", more ? AuditCursor.encode(lastReturned) : null);
  }

  /**
   * The answer to a catch-up from the rows of {@link AuditSql#catchUp} (at most limit + 1, in offset
   * order): the first {@code limit} with their offsets, and the offset to go on from only when the extra
   * row shows there is more.
   */
  static JsonObject toCatchUpPage(Iterable<Row> rows, int limit) {
    JsonArray events = new JsonArray();
    Long next = null;
    for (Row row : rows) {
      if (events.size() == limit) {
        next = row.getLong("kafka_offset");
        break;
      }
      events.add(new JsonObject().put("offset", row.getLong("kafka_offset")).put("item", toItem(row)));
    }
    return new JsonObject().put("events", events).put("next", next);
  }

  /** The item a query would return for this event, as the live stream sends it before the row exists. */
  static JsonObject toItem(SecurityEvent event) {
    return new JsonObject()
        .put("eventId", event.eventId().toString())
        .put("type", event.type())
        .put("occurredAt", AuditChain.storedInstant(event.occurredAt()).toString())
        .put("accountId", event.accountId() == null ? null : event.accountId().toString())
        .put("identifierKind", event.identifierKind())
        .put("ip", event.ip())
        .put("userAgent", event.userAgent())
        .put("requestId", event.requestId())
        .put("outcome", event.outcome())
        .put("reason", event.reason())
        .put("details", event.details());
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
