package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** "My activity": a person sees their own recent security events, readable, and which was this session. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityTest {
  private static final String PASSWORD = "Kata-Sandi yang panjang 2026";
  private static final String ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
  private static final String ADMIN = "activity-admin";
  private static final String ADMIN_PASSWORD = "an administrator's long passphrase";
  private static final String WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) "
      + "Gecko/20100101 Firefox/125.0";

  private RunningApp app;
  private ApiClient api;
  private AuditClient http;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN,
        "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD, "IP_THROTTLE_FAILURES", "1000"));
    api = new ApiClient(app.baseUrl());
    http = new AuditClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("the owner sees their last events newest first, with the device in words, this session marked, and no internal fields")
  void ownerSeesTheirActivity() {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "tari.w").put("email", "tari@example.id")
        .put("password", PASSWORD));
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "other.person")
        .put("email", "other@example.id").put("password", PASSWORD));
    login("other.person", PASSWORD, "curl/8.5.0");
    login("tari.w", "the wrong one", "curl/8.5.0");
    login("tari.w", PASSWORD, WINDOWS_FIREFOX);
    String token = login("tari.w", PASSWORD, ANDROID_CHROME).json().getString("access_token");

    // the registration is on the account topic, the attempts on the login topic: wait for both
    JsonArray items = Eventually.await("tari's events", () -> api.get("/api/v1/me/activity", token).items(),
        found -> found.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("login.succeeded"))
            .count() == 2 && found.stream().map(JsonObject.class::cast)
            .anyMatch(e -> e.getString("type").equals("login.failed")) && found.stream().map(JsonObject.class::cast)
            .anyMatch(e -> e.getString("type").equals("account.registered")));

    JsonObject newestLogin = first(items, "login.succeeded", 0);
    assertEquals("Chrome on Android", newestLogin.getString("device"));
    assertEquals(true, newestLogin.getBoolean("thisSession"));
    JsonObject olderLogin = first(items, "login.succeeded", 1);
    assertEquals("Firefox on Windows", olderLogin.getString("device"));
    assertEquals(false, olderLogin.getBoolean("thisSession"));
    JsonObject failure = first(items, "login.failed", 0);
    assertEquals("curl", failure.getString("device"));
    assertEquals("failure", failure.getString("outcome"));
    assertEquals(false, failure.getBoolean("thisSession"));
    assertTrue(items.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("type").equals("account.registered")));
    for (Object item : items) {
      JsonObject event = (JsonObject) item;
      assertEquals(Set.of("occurredAt", "type", "outcome", "reason", "ip", "device", "thisSession", "byAdministrator"),
          event.fieldNames(), "no subject keys, Kafka positions, hashes or request ids");
      assertTrue(event.getString("ip") != null);
    }
    assertFalse(items.encode().contains("other.person"));
    // ids order events by millisecond; within one millisecond (a login and its session) either may come first
    List<Instant> times = items.stream().map(JsonObject.class::cast)
        .map(e -> Instant.parse(e.getString("occurredAt")).truncatedTo(ChronoUnit.MILLIS)).toList();
    assertEquals(times.stream().sorted(java.util.Comparator.reverseOrder()).toList(), times, "newest first");
  }

  @Test
  @DisplayName("what an administrator did to the account is shown as theirs, without the administrator's address or device")
  void administratorsActionsHideTheirOrigin() {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "dewi.a").put("email", "dewi@example.id")
        .put("password", PASSWORD));
    String token = login("dewi.a", PASSWORD, ANDROID_CHROME).json().getString("access_token");
    String accountId = api.get("/api/v1/me", token).json().getString("id");
    String adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
    assertEquals(204, http.postJson("/api/v1/admin/accounts/" + accountId + "/sessions/revoke", new JsonObject(),
        Map.of("Authorization", "Bearer " + adminToken, "User-Agent", WINDOWS_FIREFOX)).status());

    String ownToken = login("dewi.a", PASSWORD, ANDROID_CHROME).json().getString("access_token");
    // the revocation is on the account topic, the sign-ins on the login topic: wait for both
    JsonArray items = Eventually.await("the revocation and a sign-in in dewi's activity",
        () -> api.get("/api/v1/me/activity", ownToken).items(),
        found -> found.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("type").equals("session.revoked"))
            && found.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("type").equals("login.succeeded")));
    JsonObject revoked = first(items, "session.revoked", 0);
    assertEquals(true, revoked.getBoolean("byAdministrator"), revoked.encode());
    assertEquals(null, revoked.getString("ip"), "not the administrator's address");
    assertEquals(null, revoked.getString("device"), "not the administrator's browser");
    JsonObject ownLogin = first(items, "login.succeeded", 0);
    assertEquals(false, ownLogin.getBoolean("byAdministrator"));
    assertEquals("Chrome on Android", ownLogin.getString("device"));
  }

  @Test
  @DisplayName("activity holds the last 50 events, however many there are")
  void activityHoldsTheLastFifty() {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "rajin.masuk").put("email", "rajin@example.id")
        .put("password", PASSWORD));
    for (int i = 0; i < 30; i++) {
      login("rajin.masuk", PASSWORD, WINDOWS_FIREFOX);
    }
    String token = login("rajin.masuk", PASSWORD, ANDROID_CHROME).json().getString("access_token");
    // each login is a login.succeeded and a session.created: 63 events with the registration; wait until both
    // events of the last sign-in (this session's) have reached the trail: its login.succeeded on the login topic
    // and its session.created on the account topic, each the last of its topic, written independently
    JsonArray items = Eventually.await("this session's sign-in in the activity", () -> api.get("/api/v1/me/activity",
        token).items(), found -> found.stream().map(JsonObject.class::cast).filter(e -> e.getBoolean("thisSession"))
            .map(e -> e.getString("type")).collect(Collectors.toSet())
            .containsAll(Set.of("login.succeeded", "session.created")));
    assertEquals(50, items.size(), "the newest 50 of 63");
    assertTrue(items.stream().map(JsonObject.class::cast).noneMatch(e -> e.getString("type").equals("account.registered")),
        "the oldest event, the registration, has fallen off");
  }

  @Test
  @DisplayName("activity needs a signed-in caller")
  void activityNeedsAToken() {
    assertEquals(401, api.get("/api/v1/me/activity").status());
  }

  private ApiClient.Answer login(String identifier, String password, String userAgent) {
    return http.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password),
        Map.of("User-Agent", userAgent));
  }

  private static JsonObject first(JsonArray items, String type, int skip) {
    return items.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals(type)).skip(skip)
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + items.encodePrettily()));
  }
}
