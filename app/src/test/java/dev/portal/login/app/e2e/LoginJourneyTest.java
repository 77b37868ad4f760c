package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.LogCapture;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton as a portal uses it: the whole app (every role, one process) over real
 * HTTP, on real Kafka, PostgreSQL and Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginJourneyTest {
  private static final String ADMIN = "security-lead";
  private static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  private static final String PASSWORD = "Kata-Sandi yang panjang 2026";

  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.allOf(Role.class),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("a person registers, mistypes once, signs in by NIK, e-mail and username, and the audit trail shows exactly that, newest first")
  void registerLoginAndAudit() throws Exception {
    Answer registered = api.postJson("/api/v1/accounts", new JsonObject()
        .put("username", "Siti.Rahma")
        .put("email", "Siti.Rahma@Example.ID")
        .put("password", PASSWORD)
        .put("nationalId", "3174-0123-4567-8901")
        .put("locale", "id"));
    assertEquals(201, registered.status(), registered.toString());
    JsonObject account = registered.json();
    String accountId = account.getString("id");
    assertEquals("siti.rahma", account.getString("username"));
    assertEquals("siti.rahma@example.id", account.getString("email"));
    assertEquals("3174012345678901", account.getString("nationalId"));
    assertFalse(registered.text().contains("argon2"), "the hash never leaves the server");
    assertFalse(registered.text().contains(PASSWORD));

    Answer wrong = login("siti.rahma", "kata-sandi yang panjang 2026");
    assertEquals(401, wrong.status(), "passwords are case-sensitive");
    assertEquals("/problems/invalid-credentials", wrong.json().getString("type"));
    assertTrue(wrong.contentType().startsWith("application/problem+json"));

    String byNik = token(login("3174012345678901", PASSWORD));
    String byEmail = token(login("SITI.RAHMA@example.id", PASSWORD));
    String byUsername = token(login("Siti.Rahma", PASSWORD));

    Answer me = api.get("/api/v1/me", byNik);
    assertEquals(200, me.status(), me.toString());
    assertEquals(accountId, me.json().getString("id"));
    assertEquals(accountId, api.get("/api/v1/me", byUsername).json().getString("id"));

    String adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
    JsonArray trail = Eventually.await("five audit events, the verification e-mail and three new sessions of the account",
        () -> api.get("/api/v1/audit/events?accountId=" + accountId + "&limit=50", adminToken).items(),
        found -> found != null && found.size() >= 9);
    assertEquals(9, trail.size(), trail.encodePrettily());
    // each successful login opens a session, recorded beside it (same millisecond, so in either order)
    assertEquals(3, trail.stream().filter(e -> "session.created".equals(((JsonObject) e).getString("type"))).count());
    // registration sends a verification link; it may be recorded after the first login attempts
    assertEquals(1, trail.stream()
        .filter(e -> "account.email_verification_sent".equals(((JsonObject) e).getString("type"))).count());
    JsonArray items = new JsonArray(trail.stream()
        .map(JsonObject.class::cast)
        .filter(e -> !"session.created".equals(e.getString("type"))
            && !"account.email_verification_sent".equals(e.getString("type")))
        .toList());
    assertEquals(5, items.size(), items.encodePrettily());
    assertEvent(items.getJsonObject(0), "login.succeeded", "success", null, "username");
    assertEvent(items.getJsonObject(1), "login.succeeded", "success", null, "email");
    assertEvent(items.getJsonObject(2), "login.succeeded", "success", null, "nik");
    assertEvent(items.getJsonObject(3), "login.failed", "failure", "bad_credentials", "username");
    assertEquals("account.registered", items.getJsonObject(4).getString("type"));
    for (Object item : trail) {
      assertEquals(accountId, ((JsonObject) item).getString("accountId"));
      assertFalse(item.toString().contains(PASSWORD), "no password in the audit trail");
    }
    assertNotNull(byEmail);
  }

  @Test
  @DisplayName("access tokens verify with a third-party JWT library against the published JWKS alone")
  void tokensVerifyAgainstJwks() throws Exception {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "budi.santoso")
        .put("email", "budi@example.id").put("password", PASSWORD));
    String token = api.accessToken("budi.santoso", PASSWORD);

    Answer jwksAnswer = api.get("/.well-known/jwks.json");
    assertEquals(200, jwksAnswer.status());
    JWKSet jwks = JWKSet.parse(jwksAnswer.text());
    SignedJWT jwt = SignedJWT.parse(token);
    JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertNotNull(key, "the token's kid is in the JWKS");
    assertFalse(key.isPrivate(), "the JWKS publishes public keys only");
    assertTrue(jwt.verify(new ECDSAVerifier(key.toECKey())));

    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertEquals("login-backend", claims.getIssuer());
    assertEquals(List.of("portal"), claims.getAudience());
    assertNotNull(claims.getStringClaim("sid"));
    assertTrue(claims.getStringListClaim("roles").contains("user"));
    assertEquals(List.of("pwd"), claims.getStringListClaim("amr"));
    assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));

    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertEquals(401, api.get("/api/v1/me", tampered).status(), "a tampered signature is refused");
  }

  @Test
  @DisplayName("an unknown identifier gets the same answer as a wrong password, after the same password hashing work, and is audited without an account")
  void unknownIdentifierLooksLikeWrongPassword() {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "dewi.lestari")
        .put("email", "dewi@example.id").put("password", PASSWORD));

    double verificationsBefore = metric("auth_password_verifications_total");
    Answer wrongPassword = login("dewi@example.id", "not the password at all");
    double afterWrong = metric("auth_password_verifications_total");
    Answer unknown = login("nobody-here@example.id", "not the password at all");
    double afterUnknown = metric("auth_password_verifications_total");

    assertEquals(401, unknown.status());
    assertEquals(wrongPassword.status(), unknown.status());
    assertEquals(wrongPassword.json(), unknown.json(), "identical bodies");
    assertEquals(1.0, afterWrong - verificationsBefore, "a wrong password costs one verification");
    assertEquals(1.0, afterUnknown - afterWrong, "an unknown identifier costs one (dummy) verification too");

    String adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
    // other tests' unknown identifiers fail without an account too: wait for this very attempt, by its request id
    String requestId = unknown.header("X-Request-Id").orElseThrow();
    JsonArray failures = Eventually.await("the unknown identifier's failure in the audit trail",
        () -> api.get("/api/v1/audit/events?type=login.failed&limit=1000", adminToken).items(),
        found -> found.stream().map(JsonObject.class::cast).anyMatch(e -> requestId.equals(e.getString("requestId"))));
    JsonObject unknownEvent = failures.stream().map(JsonObject.class::cast)
        .filter(e -> requestId.equals(e.getString("requestId"))).findFirst().orElseThrow();
    assertNull(unknownEvent.getString("accountId"), "audited without an account");
    assertEquals("bad_credentials", unknownEvent.getString("reason"));
    assertEquals("email", unknownEvent.getString("identifierKind"));
    assertFalse(unknownEvent.encode().contains("nobody-here"), "the unknown identifier is not stored in clear");
  }

  @Test
  @DisplayName("the audit trail is for the security and admin roles only")
  void auditNeedsSecurityRole() {
    api.postJson("/api/v1/accounts", new JsonObject().put("username", "agus.p")
        .put("email", "agus@example.id").put("password", PASSWORD));
    assertEquals(401, api.get("/api/v1/audit/events").status());
    Answer forbidden = api.get("/api/v1/audit/events", api.accessToken("agus.p", PASSWORD));
    assertEquals(403, forbidden.status());
    assertEquals("/problems/forbidden", forbidden.json().getString("type"));
  }

  @Test
  @DisplayName("a taken identifier is refused with 409 naming the field, and the first account is untouched")
  void duplicateIsConflict() {
    JsonObject first = new JsonObject().put("username", "rina.w").put("email", "rina@example.id")
        .put("password", PASSWORD).put("nationalId", "3174000000000001");
    assertEquals(201, api.postJson("/api/v1/accounts", first).status());
    Answer again = api.postJson("/api/v1/accounts", first.copy().put("username", "rina.other")
        .put("email", "other@example.id"));
    assertEquals(409, again.status(), again.toString());
    assertEquals("/problems/conflict", again.json().getString("type"));
    assertEquals("nationalId", again.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(401, login("rina.other", PASSWORD).status(), "the refused registration created nothing");
    assertEquals(200, login("rina.w", PASSWORD).status());
  }

  @Test
  @DisplayName("readiness names every dependency as up, and the metrics scrape carries HTTP and login counters")
  void readinessAndMetrics() {
    Answer ready = api.get("/health/ready");
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("UP", ready.json().getString("status"));
    login("nobody@example.id", "whatever it is today");
    String metrics = api.get("/metrics").text();
    assertTrue(metrics.contains("auth_login_attempts_total{"), "login counter");
    assertTrue(metrics.contains("vertx_http_server_requests_total{"), "HTTP server counter");
    assertTrue(metrics.contains("jvm_memory_used_bytes{"), "JVM metrics");
    // no label carries an account id, an e-mail address or a client address: label values stay bounded
    assertNull(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-|@|127\\.0\\.0\\.1").matcher(metricLabels(metrics)).results()
        .findAny().map(java.util.regex.MatchResult::group).orElse(null), "no unbounded label values");
  }

  @Test
  @DisplayName("the caller's X-Request-Id is echoed and lands in the access-log line of that request, with method, path, status and duration, never the query string or the password")
  void accessLogCarriesTheRequestId() {
    String requestId = "journey-" + UUID.randomUUID();
    String secretPassword = "Tebakan salah nomor 17 hari ini";
    List<LogCapture.Line> lines;
    try (LogCapture capture = LogCapture.start()) {
      Answer failed = api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "rahasia@example.id")
          .put("password", secretPassword), Map.of("X-Request-Id", requestId));
      assertEquals(401, failed.status(), failed.toString());
      assertEquals(requestId, failed.header("X-Request-Id").orElse(""));
      api.get("/api/v1/dev/outbox?to=rahasia%40example.id", Map.of("X-Request-Id", requestId + "-q"));
      // the line is written once the answer is out, so it may come a moment after the client has it
      lines = Eventually.await("the access-log lines of both requests",
          () -> capture.entries(logger -> logger.endsWith(".gateway.AccessLog")),
          found -> found.stream().filter(line -> line.keyValues().getOrDefault("requestId", "").startsWith(requestId))
              .count() >= 2);
    }
    LogCapture.Line login = lines.stream().filter(line -> requestId.equals(line.keyValues().get("requestId")))
        .findFirst().orElseThrow();
    assertEquals("INFO", login.level(), login.toString());
    assertEquals("POST", login.keyValues().get("method"), login.toString());
    assertEquals("/api/v1/auth/login", login.keyValues().get("path"), login.toString());
    assertEquals("401", login.keyValues().get("status"), login.toString());
    assertTrue(login.keyValues().get("durationMs").matches("\\d+"), login.toString());
    assertTrue(login.message().contains(requestId), "people reading text logs see the id too: " + login);
    assertFalse(login.message().contains("closed before"), "the answer was complete: " + login);
    LogCapture.Line withQuery = lines.stream().filter(line -> (requestId + "-q").equals(line.keyValues().get("requestId")))
        .findFirst().orElseThrow();
    assertEquals("/api/v1/dev/outbox", withQuery.keyValues().get("path"), withQuery.toString());
    for (LogCapture.Line line : lines) {
      assertFalse(line.toString().contains("rahasia"), "no identifier from the body or the query: " + line);
      assertFalse(line.toString().contains(secretPassword), "no password: " + line);
    }
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }

  private static String token(Answer answer) {
    assertEquals(200, answer.status(), answer.toString());
    JsonObject body = answer.json();
    assertEquals("Bearer", body.getString("token_type"));
    assertTrue(body.getInteger("expires_in") > 0);
    assertNotNull(body.getString("refresh_token"));
    assertNotEquals(body.getString("access_token"), body.getString("refresh_token"));
    assertEquals("no-store", answer.header("Cache-Control").orElse(""));
    return body.getString("access_token");
  }

  private static void assertEvent(JsonObject event, String type, String outcome, String reason, String kind) {
    assertEquals(type, event.getString("type"), event.encode());
    assertEquals(outcome, event.getString("outcome"), event.encode());
    assertEquals(reason, event.getString("reason"), event.encode());
    assertEquals(kind, event.getString("identifierKind"), event.encode());
    assertNotNull(event.getString("requestId"));
    assertNotNull(event.getString("ip"));
  }

  private double metric(String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(api.get("/metrics").text());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  private static String metricLabels(String scrape) {
    StringBuilder labels = new StringBuilder();
    scrape.lines().filter(line -> !line.startsWith("#") && line.contains("{"))
        .forEach(line -> labels.append(line, line.indexOf('{'), line.indexOf('}') + 1).append('\n'));
    return labels.toString();
  }
}
