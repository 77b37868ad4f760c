package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions end-to-end on two api instances sharing Redis, Kafka and PostgreSQL: whatever ends a
 * session on one instance is refused by the other on the very next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsTest {
  private static final String ADMIN = "breach-responder";
  private static final String ADMIN_PASSWORD = "respond to every breach 2026";
  private static final String PASSWORD = "Sesi yang aman sekali 2026";

  private RunningApp first;
  private RunningApp second;
  private ApiClient a;
  private ApiClient b;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    Map<String, String> admin = Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    first = RunningApp.start(EnumSet.allOf(Role.class), admin);
    second = RunningApp.start(EnumSet.of(Role.API), admin);
    a = new ApiClient(first.baseUrl());
    b = new ApiClient(second.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  @DisplayName("each refresh token works once; presenting a spent one ends the session, its newest tokens included, on both instances")
  void rotationAndReuse() {
    String accountId = register("rotasi.token");
    JsonObject login = a.tokens("rotasi.token", PASSWORD);
    String spent = login.getString("refresh_token");

    JsonObject second1 = refresh(a, spent);
    assertEquals(200, a.get("/api/v1/me", second1.getString("access_token")).status());
    assertEquals(sid(login), sid(second1), "a refresh stays in its session");
    JsonObject third = refresh(b, second1.getString("refresh_token"));
    assertNotEquals(second1.getString("refresh_token"), third.getString("refresh_token"));
    assertEquals(200, b.get("/api/v1/me", third.getString("access_token")).status());

    Answer reuse = refreshAnswer(a, spent);
    assertEquals(401, reuse.status(), reuse.toString());
    assertEquals("/problems/refresh-token-reused", reuse.json().getString("type"));
    for (ApiClient instance : List.of(a, b)) {
      Answer newest = instance.get("/api/v1/me", third.getString("access_token"));
      assertEquals(401, newest.status(), "the newest access token dies with the session: " + newest);
      assertEquals(401, instance.get("/api/v1/me", login.getString("access_token")).status());
    }
    assertEquals("/problems/refresh-token-reused",
        refreshAnswer(b, third.getString("refresh_token")).json().getString("type"),
        "even the newest refresh token is dead");

    // the revocation is sent right after the reuse event, so it may reach the trail a batch later: wait for both
    JsonArray audit = auditOf(accountId, found -> found.contains("session.refresh_reused")
        && found.contains("session.revoked"));
    JsonObject revoked = eventOf(audit, "session.revoked");
    assertEquals("reused", revoked.getString("reason"));
    assertEquals(sid(login), revoked.getJsonObject("details").getString("sessionId"));
  }

  @Test
  @DisplayName("logout answers 204 and the token is refused on the very next request on the other instance; its refresh token is dead too")
  void logout() {
    register("keluar.satu");
    JsonObject login = a.tokens("keluar.satu", PASSWORD);
    String token = login.getString("access_token");
    assertEquals(200, b.get("/api/v1/me", token).status());

    assertEquals(204, a.postWithBearer("/api/v1/auth/logout", token, null).status());
    Answer after = b.get("/api/v1/me", token);
    assertEquals(401, after.status());
    assertEquals("The session of this access token has ended.", after.json().getString("detail"));
    assertEquals(401, a.get("/api/v1/me", token).status());
    assertEquals("/problems/invalid-refresh-token",
        refreshAnswer(b, login.getString("refresh_token")).json().getString("type"));
  }

  @Test
  @DisplayName("a person lists their sessions, ends one of them, and only that one is refused on the other instance; another's session is 404")
  void revokeOne() {
    String accountId = register("satu.sesi");
    register("orang.lain");
    String mine = a.accessToken("satu.sesi", PASSWORD);
    String lost = b.accessToken("satu.sesi", PASSWORD);
    String stranger = a.accessToken("orang.lain", PASSWORD);

    JsonArray sessions = new JsonArray(a.get("/api/v1/me/sessions", mine).text());
    assertEquals(2, sessions.size(), sessions.encodePrettily());
    JsonObject current = sessions.stream().map(JsonObject.class::cast).filter(s -> s.getBoolean("current"))
        .findFirst().orElseThrow();
    assertEquals(sid(mine), current.getString("id"));
    assertEquals("127.0.0.1", current.getString("ip"));
    assertFalse(java.time.Instant.parse(current.getString("lastSeenAt"))
        .isBefore(java.time.Instant.parse(current.getString("createdAt"))));

    Answer foreign = a.deleteWithBearer("/api/v1/me/sessions/" + sid(lost), stranger);
    assertEquals(404, foreign.status(), "someone else's session is not found");
    assertEquals(200, b.get("/api/v1/me", lost).status(), "and stays alive");

    assertEquals(204, a.deleteWithBearer("/api/v1/me/sessions/" + sid(lost), mine).status());
    assertEquals(401, b.get("/api/v1/me", lost).status());
    assertEquals(200, b.get("/api/v1/me", mine).status());
    assertEquals(1, new JsonArray(b.get("/api/v1/me/sessions", mine).text()).size());

    JsonObject revoked = eventOf(auditOf(accountId, found -> found.contains("session.revoked")), "session.revoked");
    assertEquals("user", revoked.getString("reason"));
    assertEquals(accountId, revoked.getJsonObject("details").getString("actor"));
  }

  @Test
  @DisplayName("revoke-others ends every other session at once, on both instances, and keeps the caller's")
  void revokeOthers() {
    register("semua.perangkat");
    String here = a.accessToken("semua.perangkat", PASSWORD);
    String phone = b.accessToken("semua.perangkat", PASSWORD);
    String tablet = a.accessToken("semua.perangkat", PASSWORD);

    assertEquals(204, a.postWithBearer("/api/v1/me/sessions/revoke-others", here, null).status());
    for (ApiClient instance : List.of(a, b)) {
      assertEquals(401, instance.get("/api/v1/me", phone).status());
      assertEquals(401, instance.get("/api/v1/me", tablet).status());
      assertEquals(200, instance.get("/api/v1/me", here).status());
    }
  }

  @Test
  @DisplayName("an administrator ends every session of an account; a plain user may not")
  void adminRevoke() {
    String accountId = register("dicuri.akun");
    String one = a.accessToken("dicuri.akun", PASSWORD);
    String two = b.accessToken("dicuri.akun", PASSWORD);
    String admin = a.accessToken(ADMIN, ADMIN_PASSWORD);

    Answer refused = a.postWithBearer("/api/v1/admin/accounts/" + accountId + "/sessions/revoke", one, null);
    assertEquals(403, refused.status());
    assertEquals(200, b.get("/api/v1/me", one).status());

    assertEquals(204, a.postWithBearer("/api/v1/admin/accounts/" + accountId + "/sessions/revoke", admin, null).status());
    assertEquals(401, b.get("/api/v1/me", one).status());
    assertEquals(401, b.get("/api/v1/me", two).status());
    assertEquals(200, b.get("/api/v1/me", admin).status(), "the administrator's own session is untouched");
    assertEquals(404, a.postWithBearer("/api/v1/admin/accounts/" + java.util.UUID.randomUUID()
        + "/sessions/revoke", admin, null).status());
  }

  @Test
  @DisplayName("disabling ends every session everywhere and refuses the right password with 403 (a wrong one still 401); enabling lets the person back in; all of it audited")
  void disableAndEnable() {
    String accountId = register("nonaktif.akun");
    JsonObject session = a.tokens("nonaktif.akun", PASSWORD);
    String adminToken = a.accessToken(ADMIN, ADMIN_PASSWORD);
    String adminId = b.get("/api/v1/me", adminToken).json().getString("id");

    assertEquals(204, b.postWithBearer("/api/v1/admin/accounts/" + accountId + "/disable", adminToken, null).status());
    assertEquals(401, b.get("/api/v1/me", session.getString("access_token")).status());
    assertEquals(401, a.get("/api/v1/me", session.getString("access_token")).status());
    assertEquals(401, refreshAnswer(a, session.getString("refresh_token")).status());
    Answer rightPassword = login(a, "nonaktif.akun", PASSWORD);
    assertEquals(403, rightPassword.status(), rightPassword.toString());
    assertEquals("/problems/account-disabled", rightPassword.json().getString("type"));
    Answer wrongPassword = login(b, "nonaktif.akun", "bukan kata sandinya 123");
    assertEquals(401, wrongPassword.status());
    assertEquals("/problems/invalid-credentials", wrongPassword.json().getString("type"));

    assertEquals(204, a.postWithBearer("/api/v1/admin/accounts/" + accountId + "/enable", adminToken, null).status());
    assertEquals(200, login(b, "nonaktif.akun", PASSWORD).status());

    JsonArray audit = auditOf(accountId, found -> found.contains("account.enabled"));
    List<String> types = types(audit);
    assertTrue(types.containsAll(List.of("session.created", "account.disabled", "session.revoked", "account.enabled")),
        types.toString());
    JsonObject revoked = eventOf(audit, "session.revoked");
    assertEquals("disabled", revoked.getString("reason"));
    assertEquals(adminId, revoked.getJsonObject("details").getString("actor"));
    assertEquals(adminId, eventOf(audit, "account.disabled").getJsonObject("details").getString("actor"));
    assertFalse(audit.encode().contains(session.getString("refresh_token")), "no token in the audit trail");
  }

  @Test
  @DisplayName("every login gets a new session id and two sessions of one account live and die independently")
  void sessionsAreIndependent() {
    String accountId = register("dua.sesi");
    JsonObject one = a.tokens("dua.sesi", PASSWORD);
    JsonObject two = a.tokens("dua.sesi", PASSWORD);
    assertNotEquals(sid(one), sid(two));

    assertEquals(204, a.postWithBearer("/api/v1/auth/logout", one.getString("access_token"), null).status());
    assertEquals(401, b.get("/api/v1/me", one.getString("access_token")).status());
    assertEquals(200, b.get("/api/v1/me", two.getString("access_token")).status());
    JsonObject refreshed = refresh(b, two.getString("refresh_token"));
    assertEquals(sid(two), sid(refreshed));

    JsonArray audit = auditOf(accountId, found -> found.stream().filter("session.created"::equals).count() == 2);
    List<String> created = audit.stream().map(JsonObject.class::cast)
        .filter(event -> "session.created".equals(event.getString("type")))
        .map(event -> event.getJsonObject("details").getString("sessionId")).collect(Collectors.toList());
    assertTrue(created.containsAll(List.of(sid(one), sid(two))), created.toString());
  }

  private String register(String username) {
    Answer answer = a.postJson("/api/v1/accounts", new JsonObject().put("username", username)
        .put("email", username + "@example.id").put("password", PASSWORD));
    assertEquals(201, answer.status(), answer.toString());
    return answer.json().getString("id");
  }

  private static Answer login(ApiClient client, String identifier, String password) {
    return client.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }

  private static Answer refreshAnswer(ApiClient client, String refreshToken) {
    return client.postJson("/api/v1/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static JsonObject refresh(ApiClient client, String refreshToken) {
    Answer answer = refreshAnswer(client, refreshToken);
    assertEquals(200, answer.status(), answer.toString());
    assertEquals("no-store", answer.header("Cache-Control").orElse(""));
    return answer.json();
  }

  private static String sid(JsonObject tokens) {
    return sid(tokens.getString("access_token"));
  }

  private static String sid(String accessToken) {
    try {
      return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    } catch (java.text.ParseException e) {
      throw new AssertionError("not a JWT", e);
    }
  }

  private JsonArray auditOf(String accountId, java.util.function.Predicate<List<String>> complete) {
    String admin = a.accessToken(ADMIN, ADMIN_PASSWORD);
    return Eventually.await("the account's session events in the audit trail",
        () -> a.get("/api/v1/audit/events?accountId=" + accountId + "&limit=100", admin).items(),
        found -> found != null && complete.test(types(found)));
  }

  private static List<String> types(JsonArray events) {
    return events.stream().map(event -> ((JsonObject) event).getString("type")).toList();
  }

  private static JsonObject eventOf(JsonArray events, String type) {
    return events.stream().map(JsonObject.class::cast).filter(event -> type.equals(event.getString("type")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + events.encodePrettily()));
  }
}
