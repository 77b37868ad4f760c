package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static final UUID EVENT = UUID.fromString("0190f1a2-3b4c-7d5e-8f60-718293a4b5c6");

  private static List<String> invalidFields(JsonObject body) {
    ProblemException problem = assertThrows(ProblemException.class, () -> AuditQuery.fromJson(body));
    assertEquals(ProblemType.VALIDATION_FAILED, problem.problem().type());
    return problem.problem().errors().stream().map(Problem.FieldError::field).toList();
  }

  @Test
  @DisplayName("a cursor decodes back to the event id it was made from")
  void cursorRoundTrip() {
    String cursor = AuditCursor.encode(EVENT);
    assertEquals(EVENT, AuditCursor.decode(cursor));
    assertEquals(true, cursor.matches("[A-Za-z0-9_-]{22}"), cursor);
  }

  @Test
  @DisplayName("text that is not a cursor this service issued is refused")
  void badCursorsAreRefused() {
    String cursor = AuditCursor.encode(EVENT);
    List<String> bad = List.of(
        "not a cursor!",
        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[15]),
        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[17]),
        cursor + "==",
        cursor.substring(0, 21) + "B",
        "");
    for (String text : bad) {
      assertThrows(IllegalArgumentException.class, () -> AuditCursor.decode(text), text);
    }
  }

  @Test
  @DisplayName("a full query is read with its filters, its limit and the event id behind its cursor")
  void readsAFullQuery() {
    UUID account = UUID.fromString("0190f1a2-0000-7000-8000-000000000001");
    AuditQuery query = AuditQuery.fromJson(new JsonObject()
        .put("accountId", account.toString())
        .put("type", "login.failed")
        .put("limit", 50)
        .put("cursor", AuditCursor.encode(EVENT))
        .put(RequestContext.FIELD, new RequestContext("req-1", "203.0.113.7", "curl").toJson()));
    assertEquals(new AuditQuery(account, "login.failed", 50, EVENT), query);
  }

  @Test
  @DisplayName("a query with only a limit searches everything from the newest event")
  void readsAMinimalQuery() {
    AuditQuery query = AuditQuery.fromJson(new JsonObject().put("limit", 1000));
    assertEquals(new AuditQuery(null, null, 1000, null), query);
    assertNull(query.before());
  }

  @Test
  @DisplayName("a bad cursor is a validation problem on the cursor field")
  void badCursorIsAValidationProblem() {
    assertEquals(List.of("cursor"), invalidFields(new JsonObject().put("limit", 10).put("cursor", "abc")));
    assertEquals(List.of("cursor"), invalidFields(new JsonObject().put("limit", 10).put("cursor", 12)));
  }

  @Test
  @DisplayName("a limit outside 1..1000, not a whole number, or missing is a validation problem on the limit field")
  void badLimitIsAValidationProblem() {
    for (Object limit : new Object[] {0, 1001, -5, 2.5, "10", null}) {
      assertEquals(List.of("limit"), invalidFields(new JsonObject().put("limit", limit)), String.valueOf(limit));
    }
  }

  @Test
  @DisplayName("an account id that is not a UUID and a malformed type are refused, every bad field named at once")
  void namesEveryBadField() {
    assertEquals(List.of("accountId", "type", "limit"), invalidFields(new JsonObject()
        .put("accountId", "bob")
        .put("type", "DROP TABLE")
        .put("limit", 0)));
  }

  @Test
  @DisplayName("the new filters are read: subject keys, an address or CIDR network, outcome, a time range, and after for oldest-first pages")
  void readsTheSearchFilters() {
    AuditQuery query = AuditQuery.fromJson(new JsonObject()
        .put("subjectKeys", new io.vertx.core.json.JsonArray().add("u:abc-_1").add(EVENT.toString()))
        .put("ip", "203.0.113.0/24").put("outcome", "failure")
        .put("from", "2026-01-01T00:00:00Z").put("to", "2026-02-01T00:00:00Z")
        .put("limit", 10).put("after", EVENT.toString()));
    assertEquals(List.of("u:abc-_1", EVENT.toString()), query.subjectKeys());
    assertEquals("203.0.113.0/24", query.ip());
    assertEquals("failure", query.outcome());
    assertEquals(java.time.Instant.parse("2026-01-01T00:00:00Z"), query.from());
    assertEquals(EVENT, query.after());
    assertEquals(true, query.ascending());
  }

  @Test
  @DisplayName("an address is an IPv4 or IPv6 literal with an optional prefix in range; anything else names the ip field")
  void readsAddressesAndNetworks() {
    assertEquals("198.51.100.7", AuditQuery.canonicalNetwork("198.51.100.7"));
    assertEquals("2001:db8:0:0:0:0:0:0/32", AuditQuery.canonicalNetwork("2001:db8::/32"));
    assertEquals("10.0.0.0/8", AuditQuery.canonicalNetwork("10.0.0.0/8"));
    for (String bad : List.of("198.51.100.0/33", "2001:db8::/129", "999.1.1.1", "example.org", "10.0.0.0/", "1.2.3.4/x")) {
      assertNull(AuditQuery.canonicalNetwork(bad), bad);
      assertEquals(List.of("ip"), invalidFields(new JsonObject().put("limit", 1).put("ip", bad)), bad);
    }
  }

  @Test
  @DisplayName("a cursor and after together, bad times and bad subject keys are refused by name")
  void refusesBadNewFilters() {
    assertEquals(List.of("subjectKeys", "from", "after"), invalidFields(new JsonObject()
        .put("subjectKeys", new io.vertx.core.json.JsonArray().add("bad key!")).put("from", "yesterday")
        .put("limit", 1).put("cursor", AuditCursor.encode(EVENT)).put("after", EVENT.toString())));
  }

  @Test
  @DisplayName("no body at all is refused for want of a limit")
  void refusesAMissingBody() {
    assertEquals(List.of("limit"), invalidFields(null));
  }

  @Test
  @DisplayName("a database out of reach answers 503 unavailable with Retry-After; a broken query answers 500")
  void classifiesDatabaseFailures() {
    Problem connectionLost = AuditQueryVerticle.problemFor(new PgException("lost", "FATAL", "08006", null));
    assertEquals(ProblemType.UNAVAILABLE, connectionLost.type());
    assertEquals(5L, connectionLost.retryAfterSeconds());
    assertEquals(ProblemType.UNAVAILABLE, AuditQueryVerticle.problemFor(new PgException("shutdown", "FATAL", "57P01", null)).type());
    assertEquals(ProblemType.UNAVAILABLE, AuditQueryVerticle.problemFor(new ConnectException("refused")).type());
    assertEquals(ProblemType.INTERNAL, AuditQueryVerticle.problemFor(new PgException("no table", "ERROR", "42P01", null)).type());
    assertEquals(ProblemType.INTERNAL, AuditQueryVerticle.problemFor(new ClassCastException("bug")).type());
  }
}
