package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.AuditClient.EventStream;
import dev.portal.login.app.testing.AuditClient.SseEvent;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live audit stream as a security console uses it: a login shows up while the console is
 * connected, and a console that lost its connection resumes with Last-Event-ID and gets exactly
 * what it missed, then live events again; also while the audit writer is behind, and across
 * partitions. The api process (which holds the stream reader) and the audit writer run apart, so
 * a test can stop the writer for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditStreamTest {
  private static final String ADMIN = "stream-lead";
  private static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  private static final String PASSWORD = "Kata-Sandi yang panjang 2026";
  /** Only the stream tests' own produced events are in this network. */
  private static final String PRODUCED_NETWORK = "192.0.2.0/24";

  private RunningApp app;
  private RunningApp writer;
  private ApiClient api;
  private AuditClient audit;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    writer = startWriter();
    app = RunningApp.start(EnumSet.complementOf(EnumSet.of(Role.AUDIT_CONSUMER)),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
            // heartbeats pace the session re-check; a writer restart must fit in the wait
            "AUDIT_STREAM_HEARTBEAT_MS", "300", "AUDIT_STREAM_WRITER_WAIT_MS", "120000"));
    api = new ApiClient(app.baseUrl());
    audit = new AuditClient(app.baseUrl());
    adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
  }

  /** The audit writer, in a process of its own, in the default group the api process waits for. */
  private static RunningApp startWriter() throws Exception {
    return RunningApp.start(EnumSet.of(Role.AUDIT_CONSUMER), Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (writer != null) {
      writer.close();
    }
  }

  @Test
  @DisplayName("a connected console sees a failed login as it happens, with the event's type and fields and an opaque position as its id")
  void seesALoginLive() {
    String accountId = register("live.watch");
    try (EventStream stream = audit.stream("?accountId=" + accountId, adminToken, null)) {
      assertEquals(200, stream.status());
      login("live.watch", "not the password");

      SseEvent event = stream.next("login.failed");
      assertTrue(event.id().startsWith("v2;"), event.id());
      assertEquals(accountId, event.data().getString("accountId"));
      assertEquals("bad_credentials", event.data().getString("reason"));
      assertFalse(event.data().containsKey("subjectKey"), "internal keys stay inside");
      assertTrue(app.application().registry().scrape().matches("(?s).*\naudit_stream_clients [1-9].*"), "the client is counted");
    }
  }

  @Test
  @DisplayName("a console that reconnects with Last-Event-ID gets exactly the events it missed, in order, then live ones")
  void resumesWithoutGapOrDuplicate() {
    String accountId = register("resume.watch");
    String lastSeen;
    try (EventStream first = audit.stream("?accountId=" + accountId + "&type=login.failed", adminToken, null)) {
      login("resume.watch", "wrong 1");
      lastSeen = first.next("login.failed").id();
    }

    login("resume.watch", "wrong 2");
    login("resume.watch", "wrong 3");
    login("resume.watch", "wrong 4");
    List<String> missed = failuresInTheTrail(accountId, 4).subList(1, 4);

    try (EventStream resumed = audit.stream("?accountId=" + accountId + "&type=login.failed", adminToken, lastSeen)) {
      assertEquals(missed, eventIds(resumed, missed.size()), "the missed events, oldest first");

      login("resume.watch", "wrong 5");
      SseEvent live = resumed.next();
      assertFalse(missed.contains(live.data().getString("eventId")));
      assertNotEquals(lastSeen, live.id(), "the position moved on");
      assertEquals(List.of(), resumed.pending(), "nothing twice");
    }
  }

  @Test
  @DisplayName("a console that reconnects while the audit writer is behind gets every event it missed, each once, when the writer has caught up")
  void resumesWhileTheWriterLags() throws Exception {
    String accountId = register("lag.watch");
    String query = "?accountId=" + accountId + "&type=login.failed";
    String lastSeen;
    try (EventStream first = audit.stream(query, adminToken, null)) {
      login("lag.watch", "wrong 1");
      lastSeen = first.next("login.failed").id();
    }
    failuresInTheTrail(accountId, 1);

    writer.close();
    writer = null;
    try {
      login("lag.watch", "wrong 2");
      login("lag.watch", "wrong 3");
      login("lag.watch", "wrong 4");
      assertEquals(1, failuresInTheTrail(accountId, 1).size(), "with the writer stopped, the table lags Kafka");

      try (EventStream resumed = audit.stream(query, adminToken, lastSeen)) {
        assertEquals(200, resumed.status());
        writer = startWriter();
        List<String> missed = failuresInTheTrail(accountId, 4).subList(1, 4);

        assertEquals(missed, eventIds(resumed, missed.size()), "the missed events, oldest first, none lost");
        login("lag.watch", "wrong 5");
        SseEvent live = resumed.next();
        assertFalse(missed.contains(live.data().getString("eventId")));
        assertEquals(List.of(), resumed.pending(), "nothing twice");
      }
    } finally {
      if (writer == null) {
        writer = startWriter();
      }
    }
  }

  @Test
  @DisplayName("events of several partitions missed while disconnected all arrive exactly once, also those stamped earlier than the last one seen")
  void resumesAcrossPartitions() {
    String query = "?ip=" + PRODUCED_NETWORK.replace("/", "%2F");
    Instant now = Instant.now();
    String lastSeen;
    try (EventStream first = audit.stream(query, adminToken, null)) {
      AuditClient.produce(List.of(failure(1, now)));
      lastSeen = first.next().id();
    }

    // as a login role instance whose clock is a little behind, or whose send was delayed, would stamp them:
    // their event ids sort before the one already seen
    List<SecurityEvent> missed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      missed.add(failure(10 + i, now.minus(Duration.ofSeconds(2))));
    }
    AuditClient.produce(missed);
    Set<String> missedIds = missed.stream().map(event -> event.eventId().toString()).collect(Collectors.toSet());
    String[] ids = missedIds.toArray(String[]::new);
    Eventually.await("the missed events in the audit trail", () -> Database.count(
        "SELECT count(*) FROM audit.audit_event WHERE event_id = ANY(CAST(? AS uuid[]))", (Object) ids),
        rows -> rows == missed.size());
    assertTrue(Database.count("SELECT count(DISTINCT kafka_partition) FROM audit.audit_event "
        + "WHERE event_id = ANY(CAST(? AS uuid[]))", (Object) ids) > 1, "the missed events are spread over partitions");

    try (EventStream resumed = audit.stream(query, adminToken, lastSeen)) {
      List<String> received = eventIds(resumed, missed.size());
      assertEquals(missedIds, new HashSet<>(received), "every missed event");
      assertEquals(missed.size(), received.size(), "each once");

      SecurityEvent live = failure(99, Instant.now());
      AuditClient.produce(List.of(live));
      assertEquals(live.eventId().toString(), resumed.next().data().getString("eventId"));
      assertEquals(List.of(), resumed.pending(), "nothing twice");
    }
  }

  @Test
  @DisplayName("a Last-Event-ID the stream did not send, an event id of the earlier form included, gets 400 validation-failed naming the header")
  void refusesAForeignLastEventId() {
    for (String foreign : List.of(UUID.randomUUID().toString(), "not an id", "v2;auth.login-events:zero=1")) {
      ApiClient.Answer answer = audit.get("/api/v1/audit/stream", adminToken, Map.of("Last-Event-ID", foreign,
          "Accept", "text/event-stream"));
      assertEquals(400, answer.status(), foreign);
      assertTrue(answer.contentType().startsWith("application/problem+json"), answer.toString());
      assertTrue(answer.json().getString("type").endsWith("validation-failed"), answer.toString());
      assertEquals("Last-Event-ID", answer.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  @DisplayName("a console whose session is revoked while it watches loses the stream, and its reconnect gets 401")
  void revokedSessionEndsTheStream() {
    String watching = api.accessToken(ADMIN, ADMIN_PASSWORD);
    String other = api.accessToken(ADMIN, ADMIN_PASSWORD);
    String watchingSession = new JsonArray(api.get("/api/v1/me/sessions", watching).text()).stream()
        .map(JsonObject.class::cast)
        .filter(session -> session.getBoolean("current")).findFirst().orElseThrow().getString("id");
    try (EventStream stream = audit.stream("", watching, null)) {
      assertEquals(200, stream.status());
      // from another device of the same person: the other sessions, the test's own among them, stay
      assertEquals(204, api.deleteWithBearer("/api/v1/me/sessions/" + watchingSession, other).status());

      stream.awaitEnd();
      assertTrue(stream.comments().stream().anyMatch(comment -> comment.contains("session")), stream.comments().toString());
    }
    assertEquals(401, api.get("/api/v1/audit/stream", watching).status());
  }

  @Test
  @DisplayName("the stream is for the security and admin roles only")
  void streamNeedsSecurityRole() {
    register("curious.user");
    String token = api.accessToken("curious.user", PASSWORD);
    assertEquals(403, api.get("/api/v1/audit/stream", token).status());
    assertEquals(401, api.get("/api/v1/audit/stream").status());
  }

  /** The account's failed logins in the audit trail, oldest first, once there are at least {@code atLeast}. */
  private List<String> failuresInTheTrail(String accountId, int atLeast) {
    List<String> newestFirst = Eventually.await("the account's failures in the audit trail",
        () -> api.get("/api/v1/audit/events?type=login.failed&accountId=" + accountId, adminToken).items(),
        items -> items.size() >= atLeast).stream().map(JsonObject.class::cast).map(e -> e.getString("eventId")).toList();
    List<String> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private static List<String> eventIds(EventStream stream, int count) {
    List<String> received = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      received.add(stream.next().data().getString("eventId"));
    }
    return received;
  }

  /** A failed login of a fresh account (so its key, and partition, differ) from the tests' own network. */
  private static SecurityEvent failure(int host, Instant at) {
    return AuditClient.event(EventTypes.LOGIN_FAILED, UUID.randomUUID(), "192.0.2." + host, Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, at);
  }

  private String register(String username) {
    ApiClient.Answer answer = api.postJson("/api/v1/accounts", new JsonObject().put("username", username)
        .put("email", username + "@example.id").put("password", PASSWORD));
    assertEquals(201, answer.status(), answer.toString());
    return answer.json().getString("id");
  }

  private void login(String identifier, String password) {
    api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }
}
