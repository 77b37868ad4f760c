package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.AuditClient.EventStream;
import dev.portal.login.app.testing.AuditClient.SseEvent;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live audit stream as a security console uses it: a login shows up while the console is
 * connected, and a console that lost its connection resumes with Last-Event-ID and gets exactly
 * what it missed, then live events again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditStreamTest {
  private static final String ADMIN = "stream-lead";
  private static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  private static final String PASSWORD = "Kata-Sandi yang panjang 2026";

  private RunningApp app;
  private ApiClient api;
  private AuditClient audit;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TestServices.get().reset(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
    app = RunningApp.start(EnumSet.allOf(Role.class),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    api = new ApiClient(app.baseUrl());
    audit = new AuditClient(app.baseUrl());
    adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("a connected console sees a failed login as it happens, with the event's id, type and fields")
  void seesALoginLive() {
    String accountId = register("live.watch");
    try (EventStream stream = audit.stream("?accountId=" + accountId, adminToken, null)) {
      assertEquals(200, stream.status());
      login("live.watch", "not the password");

      SseEvent event = stream.next("login.failed");
      assertEquals(event.data().getString("eventId"), event.id());
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
    List<String> missed = Eventually.await("the three missed failures in the audit trail",
        () -> api.get("/api/v1/audit/events?type=login.failed&accountId=" + accountId, adminToken).items(),
        items -> items.size() == 4).stream().map(JsonObject.class::cast).map(e -> e.getString("eventId"))
        .filter(id -> !id.equals(lastSeen)).sorted().toList();

    try (EventStream resumed = audit.stream("?accountId=" + accountId + "&type=login.failed", adminToken, lastSeen)) {
      List<String> received = new ArrayList<>();
      for (int i = 0; i < missed.size(); i++) {
        received.add(resumed.next().data().getString("eventId"));
      }
      assertEquals(missed, received, "the missed events, oldest first");

      login("resume.watch", "wrong 5");
      SseEvent live = resumed.next();
      assertFalse(missed.contains(live.data().getString("eventId")));
      assertEquals(live.data().getString("eventId"), live.id());
      assertEquals(List.of(), resumed.pending(), "nothing twice");
    }
  }

  @Test
  @DisplayName("the stream is for the security and admin roles only")
  void streamNeedsSecurityRole() {
    register("curious.user");
    String token = api.accessToken("curious.user", PASSWORD);
    assertEquals(403, api.get("/api/v1/audit/stream", token).status());
    assertEquals(401, api.get("/api/v1/audit/stream").status());
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
