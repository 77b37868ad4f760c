package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Idle and absolute session expiry, with the app's clock moved forward by the test instead of
 * waiting. Access tokens here outlive the idle limit, so it is the session check that refuses them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionExpiryTest {
  private static final String PASSWORD = "Jam pasir berjalan terus 2026";
  private static final Duration IDLE = Duration.ofMinutes(2);
  private static final Duration ABSOLUTE = Duration.ofMinutes(15);

  private final MutableClock clock = new MutableClock();
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.of(Role.API), Map.of(
        "SESSION_IDLE_TTL_SECONDS", Long.toString(IDLE.toSeconds()),
        "SESSION_ABSOLUTE_TTL_SECONDS", Long.toString(ABSOLUTE.toSeconds()),
        "ACCESS_TOKEN_TTL_SECONDS", "600"), clock);
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    // the shared services must not keep rows and keys dated in this test's future
    TestServices.get().resetNow();
  }

  @Test
  @DisplayName("a session unused for longer than the idle limit answers 401 session-expired saying so, to the access token and the refresh token alike; use keeps it alive")
  void idleExpiry() {
    JsonObject tokens = registerAndLogin("diam.terlalu.lama");
    String token = tokens.getString("access_token");

    clock.advance(IDLE.minusSeconds(30));
    assertEquals(200, api.get("/api/v1/me", token).status(), "still within the idle limit");
    clock.advance(IDLE.minusSeconds(30));
    assertEquals(200, api.get("/api/v1/me", token).status(), "the last request restarted the idle limit");

    clock.advance(IDLE.plusSeconds(1));
    Answer expired = api.get("/api/v1/me", token);
    assertEquals(401, expired.status(), expired.toString());
    assertEquals("/problems/session-expired", expired.json().getString("type"));
    assertEquals("The session expired after a period without activity. Sign in again.",
        expired.json().getString("detail"));
    Answer refresh = refresh(tokens.getString("refresh_token"));
    assertEquals(401, refresh.status());
    assertEquals("/problems/session-expired", refresh.json().getString("type"));
  }

  @Test
  @DisplayName("a session kept busy still ends at its absolute lifetime, with 401 session-expired saying so")
  void absoluteExpiry() {
    JsonObject tokens = registerAndLogin("sibuk.terus");
    Duration step = IDLE.minusSeconds(20);
    Duration elapsed = Duration.ZERO;
    while (elapsed.plus(step).compareTo(ABSOLUTE) < 0) {
      clock.advance(step);
      elapsed = elapsed.plus(step);
      Answer refreshed = refresh(tokens.getString("refresh_token"));
      assertEquals(200, refreshed.status(), "refresh after " + elapsed + ": " + refreshed);
      tokens = refreshed.json();
    }
    clock.advance(ABSOLUTE.minus(elapsed).plusSeconds(1));

    Answer me = api.get("/api/v1/me", tokens.getString("access_token"));
    assertEquals(401, me.status(), "the access token is unexpired, but its session is not: " + me);
    assertEquals("/problems/session-expired", me.json().getString("type"));
    assertEquals("The session reached its maximum lifetime. Sign in again.", me.json().getString("detail"));
    Answer refresh = refresh(tokens.getString("refresh_token"));
    assertEquals("/problems/session-expired", refresh.json().getString("type"));
  }

  private JsonObject registerAndLogin(String username) {
    Answer registered = api.postJson("/api/v1/accounts", new JsonObject().put("username", username)
        .put("email", username + "@example.id").put("password", PASSWORD));
    assertEquals(201, registered.status(), registered.toString());
    return api.tokens(username, PASSWORD);
  }

  private Answer refresh(String refreshToken) {
    return api.postJson("/api/v1/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }
}
