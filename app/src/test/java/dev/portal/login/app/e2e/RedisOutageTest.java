package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.EmbeddedRedis;
import dev.portal.login.app.Role;
import dev.portal.login.app.TempFiles;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.FreePorts;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis holds lock state, throttles and sessions: with it stopped, logins and authenticated requests
 * fail fast with 503 unavailable (never a hang, never a pass without the session check), readiness
 * names Redis, and the same process recovers on its own when Redis returns. Uses a Redis of its own
 * so stopping it disturbs no other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTest {
  private static final String PASSWORD = "redis outage drill password";

  private Path redisDir;
  private EmbeddedRedis redis;
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    redisDir = Files.createTempDirectory("redis-outage-");
    redis = new EmbeddedRedis(redisDir, FreePorts.next());
    redis.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of("REDIS_URL", redis.connectionString()));
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      redis.stop();
      TempFiles.deleteRecursively(redisDir);
    }
  }

  @Test
  @DisplayName("with Redis stopped logins and authenticated requests answer 503 unavailable at once and readiness names Redis; all recover when it returns")
  void failsFastAndRecovers() throws Exception {
    JsonObject person = new JsonObject().put("username", "redis.outage").put("email", "redis.outage@example.id")
        .put("password", PASSWORD);
    assertEquals(201, api.postJson("/api/v1/accounts", person).status());
    String token = api.accessToken("redis.outage", PASSWORD);
    assertEquals(200, api.get("/api/v1/me", token).status(), "works while Redis is up");

    redis.stop();

    Answer login = login();
    assertEquals(503, login.status(), login.toString());
    assertEquals("/problems/unavailable", login.json().getString("type"));
    assertFalse(login.text().contains("access_token"), "no token without the lock check");

    Answer me = api.get("/api/v1/me", token);
    assertEquals(503, me.status(), "never a pass without the session check: " + me);
    assertEquals("/problems/unavailable", me.json().getString("type"));

    Answer notReady = Eventually.await("readiness to notice", () -> api.get("/health/ready"), a -> a.status() == 503);
    assertTrue(notReady.json().getString("detail").contains("login (redis"), notReady.toString());
    assertTrue(notReady.json().getString("detail").contains("gateway (redis)"), "the gateway's own connection too: "
        + notReady);

    redis.start();

    Eventually.await("login to work again without a restart", this::login, a -> a.status() == 200);
    Eventually.await("the session check to work again", () -> api.get("/api/v1/me", token), a -> a.status() == 200);
    Eventually.await("readiness to recover", () -> api.get("/health/ready"), a -> a.status() == 200);
  }

  private Answer login() {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "redis.outage").put("password", PASSWORD));
  }
}
