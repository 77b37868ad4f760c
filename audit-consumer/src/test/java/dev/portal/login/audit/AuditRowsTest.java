package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.internal.ArrayTuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditRowsTest {
  private static final List<String> PAGE_COLUMNS = List.of("event_id", "type", "occurred_at", "account_id",
      "identifier_kind", "ip", "user_agent", "request_id", "outcome", "reason", "details");

  /** A result row as the pg client hands it out, built without a database. */
  private static final class TestRow extends ArrayTuple implements Row {
    TestRow(List<Object> values) {
      super(values);
    }

    @Override
    public String getColumnName(int pos) {
      return PAGE_COLUMNS.get(pos);
    }

    @Override
    public int getColumnIndex(String column) {
      return PAGE_COLUMNS.indexOf(column);
    }
  }

  private static Row row(UUID eventId, UUID accountId, Object details) {
    List<Object> values = new ArrayList<>(List.of(eventId, "login.failed",
        OffsetDateTime.of(2026, 3, 1, 15, 15, 30, 0, ZoneOffset.ofHours(7))));
    values.add(accountId);
    values.addAll(List.of("email", "203.0.113.7", "Mozilla/5.0", "req-1", "failure", "bad_credentials"));
    values.add(details);
    return new TestRow(values);
  }

  private static UUID id(int n) {
    return UUID.fromString(String.format("0190f1a2-3b4c-7d5e-8f60-%012d", n));
  }

  @Test
  @DisplayName("an event becomes the nineteen insert parameters in column order, with its Kafka position, inet address and chain")
  void mapsAnEventToInsertParameters() {
    SecurityEvent event = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent());
    Tuple params = AuditRows.insertParams(new SourcedEvent<>(event, Topics.LOGIN_EVENTS, 2, 99L), new byte[32],
        new byte[] {1, 2});

    assertEquals(19, params.size());
    assertEquals(event.eventId(), params.getUUID(0));
    assertEquals("login.failed", params.getString(1));
    assertEquals(1, params.getInteger(2));
    assertEquals(OffsetDateTime.parse("2026-03-01T08:15:30.123Z"), params.getOffsetDateTime(3));
    assertEquals(event.accountId(), params.getUUID(4));
    assertEquals(event.subjectKey(), params.getString(5));
    assertEquals("nik", params.getString(6));
    assertEquals("203.0.113.7", params.getString(7));
    assertEquals("Mozilla/5.0", params.getString(8));
    assertEquals("req-1", params.getString(9));
    assertEquals("failure", params.getString(10));
    assertEquals("bad_credentials", params.getString(11));
    assertEquals(new JsonObject().put("attempt", 3), new JsonObject(params.getString(12)));
    assertEquals(Topics.LOGIN_EVENTS, params.getString(13));
    assertEquals(2, params.getInteger(14));
    assertEquals(99L, params.getLong(15));
    assertEquals("203.0.113.7", params.getString(16));
    assertEquals(32, params.getBuffer(17).length());
    assertEquals(2, params.getBuffer(18).length());
  }

  @Test
  @DisplayName("a batch becomes one array per column, rows index-aligned, nulls kept in place")
  void turnsRowsIntoColumns() {
    SecurityEvent event = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent());
    Tuple first = AuditRows.insertParams(new SourcedEvent<>(event, Topics.LOGIN_EVENTS, 2, 99L), new byte[32],
        new byte[] {1});
    Tuple second = AuditRows.insertParams(new SourcedEvent<>(event, Topics.LOGIN_EVENTS, 2, 100L));
    Tuple columns = AuditRows.columns(List.of(first, second));
    assertEquals(19, columns.size());
    assertArrayEquals(new UUID[] {event.eventId(), event.eventId()}, (UUID[]) columns.getValue(0));
    assertArrayEquals(new Long[] {99L, 100L}, (Long[]) columns.getValue(15));
    Object[] hashes = (Object[]) columns.getValue(18);
    assertEquals(1, ((io.vertx.core.buffer.Buffer) hashes[0]).length());
    assertNull(hashes[1]);
  }

  @Test
  @DisplayName("only a valid IP literal fills the inet column; anything else leaves it null rather than failing the row")
  void inetOnlyForLiterals() {
    assertEquals("203.0.113.7", AuditRows.inetLiteral("203.0.113.7"));
    assertEquals("2001:db8:0:0:0:0:0:1", AuditRows.inetLiteral("2001:db8::1"));
    assertNull(AuditRows.inetLiteral("not-an-ip"));
    assertNull(AuditRows.inetLiteral("999.1.1.1"));
    assertNull(AuditRows.inetLiteral(null));
  }

  @Test
  @DisplayName("an event without an account is inserted with a null account id")
  void mapsAMissingAccountToNull() {
    SecurityEvent event = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent().putNull("accountId"));
    assertNull(AuditRows.insertParams(new SourcedEvent<>(event, Topics.LOGIN_EVENTS, 0, 0L)).getValue(4));
  }

  @Test
  @DisplayName("a row becomes an item with the documented field names and an ISO-8601 UTC time")
  void mapsARowToAnItem() {
    JsonObject item = AuditRows.toItem(row(id(1), id(9), new JsonObject().put("attempt", 3)));

    assertEquals(new JsonObject()
        .put("eventId", id(1).toString())
        .put("type", "login.failed")
        .put("occurredAt", "2026-03-01T08:15:30Z")
        .put("accountId", id(9).toString())
        .put("identifierKind", "email")
        .put("ip", "203.0.113.7")
        .put("userAgent", "Mozilla/5.0")
        .put("requestId", "req-1")
        .put("outcome", "failure")
        .put("reason", "bad_credentials")
        .put("details", new JsonObject().put("attempt", 3)), item);
  }

  @Test
  @DisplayName("a row without an account shows a null accountId")
  void mapsANullAccount() {
    JsonObject item = AuditRows.toItem(row(id(1), null, new JsonObject()));
    assertEquals(true, item.containsKey("accountId"));
    assertNull(item.getValue("accountId"));
  }

  @Test
  @DisplayName("when the extra row shows more events exist, the page holds limit items and a cursor after the last one")
  void pageWithMoreHasCursor() {
    List<Row> rows = List.of(row(id(3), null, new JsonObject()), row(id(2), null, new JsonObject()),
        row(id(1), null, new JsonObject()));

    JsonObject page = AuditRows.toPage(rows, 2);

    JsonArray items = page.getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals(id(3).toString(), items.getJsonObject(0).getString("eventId"));
    assertEquals(id(2).toString(), items.getJsonObject(1).getString("eventId"));
    assertEquals(id(2), AuditCursor.decode(page.getString("nextCursor")));
  }

  @Test
  @DisplayName("the last page has a null nextCursor")
  void lastPageHasNoCursor() {
    JsonObject page = AuditRows.toPage(List.of(row(id(2), null, null), row(id(1), null, null)), 2);
    assertEquals(2, page.getJsonArray("items").size());
    assertEquals(true, page.containsKey("nextCursor"));
    assertNull(page.getValue("nextCursor"));
  }

  @Test
  @DisplayName("for every combination of filters the page query has exactly as many placeholders as parameters, limit + 1 last")
  void pageQueryAndParametersAgree() {
    for (int mask = 0; mask < 512; mask++) {
      boolean after = (mask & 256) != 0 && (mask & 128) == 0;
      AuditQuery query = new AuditQuery((mask & 1) != 0 ? id(9) : null,
          (mask & 2) != 0 ? List.of("u:abc", id(9).toString()) : List.of(), (mask & 4) != 0 ? "203.0.113.0/24" : null,
          (mask & 8) != 0 ? "login.failed" : null, (mask & 16) != 0 ? "failure" : null,
          (mask & 32) != 0 ? Instant.parse("2026-01-01T00:00:00Z") : null,
          (mask & 64) != 0 ? Instant.parse("2026-02-01T00:00:00Z") : null,
          25, (mask & 128) != 0 ? id(5) : null, after ? id(4) : null);
      AuditSql.Statement statement = AuditSql.search(query);
      String sql = statement.sql();
      Tuple params = statement.params();

      Matcher placeholders = Pattern.compile("\\$(\\d+)").matcher(sql);
      int highest = 0;
      int count = 0;
      while (placeholders.find()) {
        highest = Math.max(highest, Integer.parseInt(placeholders.group(1)));
        count++;
      }
      assertEquals(params.size(), highest, sql);
      assertEquals(params.size(), count, sql);
      assertEquals(26, params.getInteger(params.size() - 1), sql);
      assertEquals((mask & 1) != 0, sql.contains("account_id = $"), sql);
      assertEquals((mask & 2) != 0, sql.contains("subject_key = ANY($"), sql);
      assertEquals((mask & 4) != 0, sql.contains("ip_inet <<= $"), sql);
      assertEquals((mask & 8) != 0, sql.contains("type = $"), sql);
      assertEquals((mask & 16) != 0, sql.contains("outcome = $"), sql);
      assertEquals((mask & 32) != 0, sql.contains("occurred_at >= $"), sql);
      assertEquals((mask & 64) != 0, sql.contains("occurred_at < $"), sql);
      assertEquals((mask & 128) != 0, sql.contains("event_id < $"), sql);
      assertEquals(after, sql.contains("event_id > $"), sql);
      assertEquals(true, sql.contains(after ? "ORDER BY event_id ASC" : "ORDER BY event_id DESC"), sql);
    }
  }

  @Test
  @DisplayName("the filters fill their placeholders in order")
  void pageParametersInOrder() {
    AuditQuery query = new AuditQuery(id(9), "login.failed", 10, id(5));
    AuditSql.Statement statement = AuditSql.search(query);
    String sql = statement.sql();
    Tuple params = statement.params();
    assertEquals(true, sql.contains("account_id = $1") && sql.contains("type = $2")
        && sql.contains("event_id < $3") && sql.endsWith("LIMIT $4"), sql);
    assertEquals(id(9), params.getUUID(0));
    assertEquals("login.failed", params.getString(1));
    assertEquals(id(5), params.getUUID(2));
  }

  @Test
  @DisplayName("an oldest-first page names the id to continue after instead of a cursor")
  void ascendingPageContinuesAfter() {
    JsonObject page = AuditRows.toPage(List.of(row(id(1), null, null), row(id(2), null, null),
        row(id(3), null, null)), 2, true);
    assertEquals(id(2).toString(), page.getString("nextAfter"));
    assertEquals(false, page.containsKey("nextCursor"));
  }
}
