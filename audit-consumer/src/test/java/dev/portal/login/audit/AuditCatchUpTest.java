package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.internal.ArrayTuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditCatchUpTest {
  private static final UUID ACCOUNT = UUID.fromString("0190f1a2-0000-7000-8000-000000000001");

  private static JsonObject request() {
    return new JsonObject().put("topic", Topics.LOGIN_EVENTS).put("partition", 2).put("fromOffset", 120L)
        .put("untilOffset", 4000L).put("limit", 1000)
        .put(RequestContext.FIELD, new RequestContext("req-1", "203.0.113.7", "curl").toJson());
  }

  private static List<String> invalidFields(JsonObject body) {
    ProblemException problem = assertThrows(ProblemException.class, () -> AuditCatchUp.fromJson(body));
    assertEquals(ProblemType.VALIDATION_FAILED, problem.problem().type());
    return problem.problem().errors().stream().map(Problem.FieldError::field).toList();
  }

  private static final List<String> CATCH_UP_COLUMNS = List.of("kafka_offset", "event_id", "type", "occurred_at",
      "account_id", "identifier_kind", "ip", "user_agent", "request_id", "outcome", "reason", "details");

  /** A result row of the catch-up statement, built without a database. */
  private static final class TestRow extends ArrayTuple implements Row {
    TestRow(List<Object> values) {
      super(values);
    }

    @Override
    public String getColumnName(int pos) {
      return CATCH_UP_COLUMNS.get(pos);
    }

    @Override
    public int getColumnIndex(String column) {
      return CATCH_UP_COLUMNS.indexOf(column);
    }
  }

  private static Row row(long offset) {
    List<Object> values = new ArrayList<>(List.of(offset, UUID.randomUUID(), "login.failed",
        OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC)));
    values.add(ACCOUNT);
    values.addAll(List.of("email", "203.0.113.7", "Mozilla/5.0", "req-1", "failure", "bad_credentials"));
    values.add(new JsonObject());
    return new TestRow(values);
  }

  @Test
  @DisplayName("a catch-up page carries each row's offset with its item, and where to go on only when the extra row shows more")
  void catchUpPage() {
    JsonObject more = AuditRows.toCatchUpPage(List.of(row(4), row(9), row(15)), 2);
    assertEquals(List.of(4L, 9L), more.getJsonArray("events").stream()
        .map(event -> ((JsonObject) event).getLong("offset")).toList());
    assertEquals("login.failed", more.getJsonArray("events").getJsonObject(0).getJsonObject("item").getString("type"));
    assertEquals(15L, more.getLong("next"), "the first row not returned is where the next page starts");

    JsonObject last = AuditRows.toCatchUpPage(List.of(row(4), row(9)), 2);
    assertEquals(2, last.getJsonArray("events").size());
    assertTrue(last.containsKey("next"));
    assertEquals(null, last.getValue("next"));
  }

  @Test
  @DisplayName("a catch-up names one partition and an offset range, with the search's filters and limit")
  void readsACatchUp() {
    AuditCatchUp catchUp = AuditCatchUp.fromJson(request().put("accountId", ACCOUNT.toString())
        .put("type", "login.failed"));
    assertEquals(Topics.LOGIN_EVENTS, catchUp.topic());
    assertEquals(2, catchUp.partition());
    assertEquals(120L, catchUp.from());
    assertEquals(4000L, catchUp.until());
    assertEquals(1000, catchUp.limit());
    assertEquals(ACCOUNT, catchUp.filters().accountId());
    assertEquals("login.failed", catchUp.filters().type());
  }

  @Test
  @DisplayName("bad filters and a bad range are refused together, each field by name; paging by id is not a catch-up's")
  void refusesBadFieldsTogether() {
    assertEquals(List.of("accountId", "topic", "partition", "fromOffset", "untilOffset"), invalidFields(request()
        .put("accountId", "bob").put("topic", "no spaces allowed").put("partition", -1).put("fromOffset", "12")
        .put("untilOffset", 2.5)));
    assertEquals(List.of("untilOffset"), invalidFields(request().put("fromOffset", 10L).put("untilOffset", 9L)));
    assertEquals(List.of("limit"), invalidFields(request().put("limit", 5000)));
    assertEquals(List.of("after"), invalidFields(request().put("after", ACCOUNT.toString())));
    assertEquals(List.of("topic", "partition", "fromOffset", "untilOffset"),
        invalidFields(new JsonObject().put("limit", 10)));
  }

  @Test
  @DisplayName("the catch-up reads one partition's offset range in offset order, the filters after, limit + 1 last")
  void catchUpStatement() {
    AuditCatchUp catchUp = AuditCatchUp.fromJson(request().put("accountId", ACCOUNT.toString())
        .put("ip", "203.0.113.0/24").put("fromOffset", 7L).put("untilOffset", 9L).put("limit", 50)
        .put("from", "2026-01-01T00:00:00Z"));
    AuditSql.Statement statement = AuditSql.catchUp(catchUp);
    String sql = statement.sql();
    Tuple params = statement.params();

    assertTrue(sql.contains("kafka_topic = $1 AND kafka_partition = $2 AND kafka_offset >= $3 AND kafka_offset < $4"),
        sql);
    assertTrue(sql.contains("account_id = $5") && sql.contains("ip_inet <<= $6::text::inet")
        && sql.contains("occurred_at >= $7"), sql);
    assertTrue(sql.endsWith("ORDER BY kafka_offset\nLIMIT $8"), sql);
    Matcher placeholders = Pattern.compile("\\$(\\d+)").matcher(sql);
    int count = 0;
    while (placeholders.find()) {
      count++;
    }
    assertEquals(params.size(), count, sql);
    assertEquals(Topics.LOGIN_EVENTS, params.getString(0));
    assertEquals(2, params.getInteger(1));
    assertEquals(7L, params.getLong(2));
    assertEquals(9L, params.getLong(3));
    assertEquals(ACCOUNT, params.getUUID(4));
    assertEquals(51, params.getInteger(7));
  }
}
