package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit trail as a security team searches it: every filter, cursors that stay put while events
 * keep arriving, the credential-stuffing summary, and the hash chain that exposes an edited row.
 * Events go into Kafka as the login role publishes them, so they pass through the real writer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {
  private static final String ADMIN = "audit-lead";
  private static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  private static final String PASSWORD = "Kata-Sandi yang panjang 2026";

  private RunningApp app;
  private ApiClient api;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.allOf(Role.class),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    api = new ApiClient(app.baseUrl());
    adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("each filter (account, type, outcome, exact IP, CIDR, IPv6 network, from and to) returns exactly the matching events")
  void everyFilterSelectsExactlyItsEvents() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    Instant base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    SecurityEvent a1 = AuditClient.event(EventTypes.LOGIN_FAILED, alice, "198.51.100.7", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, base);
    SecurityEvent a2 = AuditClient.event(EventTypes.LOGIN_SUCCEEDED, alice, "198.51.100.200", Outcomes.SUCCESS, null,
        base.plusSeconds(60));
    SecurityEvent b1 = AuditClient.event(EventTypes.LOGIN_FAILED, bob, "198.51.101.9", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, base.plusSeconds(120));
    SecurityEvent b2 = AuditClient.event(EventTypes.LOGIN_REJECTED, bob, "2001:db8:5::17", Outcomes.REJECTED,
        Outcomes.REASON_THROTTLED, base.plusSeconds(180));
    SecurityEvent b3 = AuditClient.event(EventTypes.LOGIN_FAILED, bob, "not-an-ip", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, base.plusSeconds(240));
    List<SecurityEvent> all = List.of(a1, a2, b1, b2, b3);
    AuditClient.produce(all);
    awaitRows(all);
    String window = "&from=" + base + "&to=" + base.plusSeconds(300);

    assertEquals(ids(a2, a1), search("accountId=" + alice + window));
    assertEquals(ids(b3, b1, a1), search("type=login.failed" + window));
    assertEquals(ids(b2), search("outcome=rejected" + window));
    assertEquals(ids(a1), search("ip=198.51.100.7" + window));
    assertEquals(ids(a2, a1), search("ip=" + enc("198.51.100.0/24") + window));
    assertEquals(ids(b1, a2, a1), search("ip=" + enc("198.51.100.0/23") + window));
    assertEquals(ids(b2), search("ip=" + enc("2001:db8:5::/48") + window));
    assertEquals(ids(a2), search("from=" + base.plusSeconds(60) + "&to=" + base.plusSeconds(61)));
    assertEquals(ids(b3, b2, b1, a2, a1), search(window.substring(1)));
    assertEquals(ids(b1), search("accountId=" + bob + "&type=login.failed&ip=" + enc("198.51.101.0/24") + window));

    Answer bad = api.get("/api/v1/audit/events?ip=" + enc("198.51.100.0/33"), adminToken);
    assertEquals(400, bad.status(), bad.toString());
    assertEquals("ip", bad.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  @DisplayName("an identifier finds the events recorded under it: its account's, and attempts at it while unknown, never another's")
  void identifierFilterResolvesThroughTheLoginRole() {
    api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "Nadia@Example.ID")
        .put("password", "a guess before registering"));
    Answer registered = api.postJson("/api/v1/accounts", new JsonObject().put("username", "nadia.k")
        .put("email", "nadia@example.id").put("password", PASSWORD));
    String accountId = registered.json().getString("id");
    api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "nadia.k").put("password", "wrong"));
    api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "someone.else@example.id")
        .put("password", "wrong"));

    // registration also records that a verification link was sent; it may land among the attempts
    JsonArray withVerification = Eventually.await("nadia's four events", () -> api.get("/api/v1/audit/events?identifier="
        + enc("NADIA@example.id"), adminToken).items(), items -> items.size() >= 4);
    JsonArray byEmail = new JsonArray(withVerification.stream().map(JsonObject.class::cast)
        .filter(e -> !"account.email_verification_sent".equals(e.getString("type"))).toList());
    assertEquals(3, byEmail.size(), withVerification.encodePrettily());
    List<String> types = byEmail.stream().map(JsonObject.class::cast).map(e -> e.getString("type")).toList();
    assertEquals(List.of("login.failed", "account.registered", "login.failed"), types, byEmail.encodePrettily());
    assertNull(byEmail.getJsonObject(2).getString("accountId"), "the attempt before registering had no account");
    assertEquals(accountId, byEmail.getJsonObject(0).getString("accountId"));
    assertEquals(withVerification, api.get("/api/v1/audit/events?identifier=" + enc("nadia.k"), adminToken).items(),
        "username and e-mail name the same account");
    // the unknown identifier's attempt may sit on another partition than nadia's events: wait for it on its own
    JsonArray unknown = Eventually.await("the unknown identifier's attempt", () -> api.get(
        "/api/v1/audit/events?identifier=" + enc("someone.else@example.id"), adminToken).items(), items -> !items.isEmpty());
    assertEquals(1, unknown.size(), unknown.encodePrettily());
    assertFalse(unknown.encode().contains("someone.else"), "the identifier itself is never stored");
  }

  @Test
  @DisplayName("paging with a cursor while new events keep arriving returns every older event exactly once, in order")
  void cursorIsStableUnderConcurrentInserts() {
    UUID account = UUID.randomUUID();
    Instant start = Instant.now().minus(2, ChronoUnit.MINUTES);
    List<SecurityEvent> original = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      original.add(AuditClient.event(EventTypes.LOGIN_FAILED, account, "192.0.2." + i, Outcomes.FAILURE,
          Outcomes.REASON_BAD_CREDENTIALS, start.plusMillis(i)));
    }
    AuditClient.produce(original);
    awaitRows(original);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      // by type: the lockout role may add its own account.locked events for so many failures
      Answer page = api.get("/api/v1/audit/events?accountId=" + account + "&type=login.failed&limit=5"
          + (cursor == null ? "" : "&cursor=" + cursor), adminToken);
      assertEquals(200, page.status(), page.toString());
      page.items().forEach(item -> seen.add(((JsonObject) item).getString("eventId")));
      cursor = page.json().getString("nextCursor");
      // newer events land between page requests: they are ahead of the cursor and must not disturb it
      List<SecurityEvent> newer = List.of(AuditClient.event(EventTypes.LOGIN_FAILED, account, "192.0.2.250",
          Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, Instant.now()));
      AuditClient.produce(newer);
      awaitRows(newer);
      pages++;
    } while (cursor != null && pages < 50);

    List<String> expected = original.stream().map(e -> e.eventId().toString()).sorted(java.util.Comparator.reverseOrder())
        .toList();
    assertEquals(expected, seen.subList(0, expected.size()), "the original events in order, nothing else");
    assertEquals(expected, seen.stream().filter(expected::contains).toList(), "each original event once, none skipped");
    assertEquals(seen.size(), new TreeSet<>(seen).size(), "no event twice");
  }

  @Test
  @DisplayName("the summary counts failures, successes, their ratio, locks and throttled addresses, and ranks addresses and accounts by failures")
  void summaryIsTheCredentialStuffingView() {
    UUID victim = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Instant now = Instant.now();
    List<SecurityEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(AuditClient.event(EventTypes.LOGIN_FAILED, victim, "203.0.113.66", Outcomes.FAILURE,
          Outcomes.REASON_BAD_CREDENTIALS, now));
    }
    events.add(AuditClient.event(EventTypes.LOGIN_FAILED, other, "203.0.113.67", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, now));
    events.add(AuditClient.event(EventTypes.LOGIN_SUCCEEDED, other, "203.0.113.67", Outcomes.SUCCESS, null, now));
    events.add(AuditClient.event(EventTypes.ACCOUNT_LOCKED, victim, null, Outcomes.SUCCESS, null, now));
    events.add(AuditClient.event(EventTypes.LOGIN_REJECTED, null, "203.0.113.66", Outcomes.REJECTED,
        Outcomes.REASON_THROTTLED, now));
    events.add(AuditClient.event(EventTypes.LOGIN_REJECTED, null, "203.0.113.66", Outcomes.REJECTED,
        Outcomes.REASON_THROTTLED, now));
    // twelve more networks and accounts with one failure each: more than the top ten can hold
    for (int i = 0; i < 12; i++) {
      events.add(AuditClient.event(EventTypes.LOGIN_FAILED, UUID.randomUUID(), "198.51.100." + (10 + i),
          Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, now));
    }
    // outside the window: counted by a longer window only
    events.add(AuditClient.event(EventTypes.LOGIN_FAILED, victim, "203.0.113.66", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, now.minus(2, ChronoUnit.HOURS)));
    AuditClient.produce(events);
    awaitRows(events);

    JsonObject summary = api.get("/api/v1/audit/summary?window=15m", adminToken).json();
    long failures = summary.getLong("failures");
    long successes = summary.getLong("successes");
    assertTrue(failures >= 5, summary.encodePrettily());
    assertEquals((double) failures / (failures + successes), summary.getDouble("failureRatio"), 1e-9);
    assertTrue(summary.getLong("locks") >= 1);
    assertTrue(summary.getLong("throttledIps") >= 1);
    List<JsonObject> topIps = summary.getJsonArray("topIps").stream().map(JsonObject.class::cast).toList();
    assertTrue(topIps.stream().anyMatch(ip -> ip.getString("ip").equals("203.0.113.66") && ip.getLong("failures") == 4),
        summary.encodePrettily());
    for (int i = 1; i < topIps.size(); i++) {
      assertTrue(topIps.get(i - 1).getLong("failures") >= topIps.get(i).getLong("failures"), "ranked by failures");
    }
    assertTrue(summary.getJsonArray("topAccounts").stream().map(JsonObject.class::cast)
        .anyMatch(a -> a.getString("accountId").equals(victim.toString()) && a.getLong("failures") == 4));
    assertEquals(10, summary.getJsonArray("topIps").size(), "the top ten networks, no more");
    assertEquals(10, summary.getJsonArray("topAccounts").size(), "the top ten accounts, no more");
    long longer = api.get("/api/v1/audit/summary?window=3h", adminToken).json().getLong("failures");
    assertTrue(longer >= failures + 1, "the older failure counts in a 3 hour window");
    assertEquals(400, api.get("/api/v1/audit/summary?window=forever", adminToken).status());
  }

  @Test
  @DisplayName("verification passes over an untouched trail and names the row whose reason was edited in the database")
  void tamperCheckNamesTheEditedRow() {
    Instant now = Instant.now();
    List<SecurityEvent> events = writtenChain(6, "192.0.2.77", now);
    String range = "?from=" + now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(1, ChronoUnit.HOURS);

    JsonObject intact = api.get("/api/v1/audit/verify" + range, adminToken).json();
    assertEquals(true, intact.getBoolean("ok"), intact.encodePrettily());
    assertTrue(intact.getLong("checked") >= 6, intact.encodePrettily());
    assertNull(intact.getValue("firstBrokenLink"));

    SecurityEvent edited = events.get(3);
    assertEquals(1, Database.execute("UPDATE audit.audit_event SET reason = 'locked' WHERE event_id = ?",
        edited.eventId()));
    JsonObject broken = api.get("/api/v1/audit/verify" + range, adminToken).json();
    assertEquals(false, broken.getBoolean("ok"), broken.encodePrettily());
    assertEquals(edited.eventId().toString(), broken.getJsonObject("firstBrokenLink").getString("eventId"));
    assertEquals(edited.topic(), broken.getJsonObject("firstBrokenLink").getString("topic"));
    assertTrue(app.application().registry().scrape().contains("audit_verify_runs_total{result=\"broken\""));

    Database.execute("UPDATE audit.audit_event SET reason = ? WHERE event_id = ?", Outcomes.REASON_BAD_CREDENTIALS,
        edited.eventId());
    assertEquals(true, api.get("/api/v1/audit/verify" + range, adminToken).json().getBoolean("ok"),
        "restoring the row restores the chain");
  }

  @Test
  @DisplayName("a row deleted from the middle of a chain breaks the link of the row after it; putting it back mends the chain")
  void tamperCheckNamesTheRowAfterADeletedOne() {
    Instant now = Instant.now();
    List<SecurityEvent> events = writtenChain(5, "192.0.2.78", now);
    String range = "?from=" + now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(1, ChronoUnit.HOURS);
    assertEquals(true, api.get("/api/v1/audit/verify" + range, adminToken).json().getBoolean("ok"));

    SecurityEvent deleted = events.get(2);
    String saved = Database.text("SELECT row_to_json(e)::text FROM audit.audit_event e WHERE event_id = ?",
        deleted.eventId());
    assertEquals(1, Database.execute("DELETE FROM audit.audit_event WHERE event_id = ?", deleted.eventId()));
    try {
      JsonObject broken = api.get("/api/v1/audit/verify" + range, adminToken).json();
      assertEquals(false, broken.getBoolean("ok"), broken.encodePrettily());
      assertEquals(events.get(3).eventId().toString(), broken.getJsonObject("firstBrokenLink").getString("eventId"),
          "the row after the gap no longer follows its predecessor: " + broken.encodePrettily());
    } finally {
      Database.execute("INSERT INTO audit.audit_event SELECT * FROM json_populate_record(NULL::audit.audit_event, "
          + "?::json)", saved);
    }
    assertEquals(true, api.get("/api/v1/audit/verify" + range, adminToken).json().getBoolean("ok"),
        "the row put back mends the chain");
  }

  /**
   * Failures of one new account, through Kafka into the trail: one key, one partition, so they are
   * consecutive links of one chain. Returns them once all are rows.
   */
  private static List<SecurityEvent> writtenChain(int length, String ip, Instant from) {
    UUID account = UUID.randomUUID();
    List<SecurityEvent> events = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      events.add(AuditClient.event(EventTypes.LOGIN_FAILED, account, ip, Outcomes.FAILURE,
          Outcomes.REASON_BAD_CREDENTIALS, from.plusMillis(i)));
    }
    AuditClient.produce(events);
    awaitRows(events);
    return events;
  }

  private List<String> search(String query) {
    Answer answer = api.get("/api/v1/audit/events?limit=1000&" + query, adminToken);
    assertEquals(200, answer.status(), query + " -> " + answer);
    return answer.items().stream().map(JsonObject.class::cast).map(e -> e.getString("eventId")).toList();
  }

  private static List<String> ids(SecurityEvent... events) {
    return java.util.Arrays.stream(events).map(e -> e.eventId().toString()).toList();
  }

  private static void awaitRows(List<SecurityEvent> events) {
    Set<UUID> wanted = events.stream().map(SecurityEvent::eventId).collect(Collectors.toSet());
    Eventually.await(wanted.size() + " audit rows", () -> wanted.stream()
        .filter(id -> Database.count("SELECT count(*) FROM audit.audit_event WHERE event_id = ?", id) == 1).count(),
        found -> found == wanted.size());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
