package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.EmbeddedPostgres;
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
 * PostgreSQL holds accounts and the audit trail: with it stopped, logins fail fast with 503
 * unavailable (never 500, never a hang, never a token), readiness names it, and the same process
 * recovers on its own when it returns. Uses a PostgreSQL of its own so stopping it disturbs no other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageTest {
  private static final String PASSWORD = "postgres outage drill password";

  private Path postgresDir;
  private EmbeddedPostgres postgres;
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    postgresDir = Files.createTempDirectory("postgres-outage-");
    postgres = new EmbeddedPostgres(postgresDir, FreePorts.next());
    postgres.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of(
        "PG_HOST", EmbeddedPostgres.HOST, "PG_PORT", Integer.toString(postgres.port()),
        "PG_DATABASE", EmbeddedPostgres.DATABASE, "PG_USER", EmbeddedPostgres.USER, "PG_PASSWORD", ""));
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      postgres.stop();
      TempFiles.deleteRecursively(postgresDir);
    }
  }

  @Test
  @DisplayName("with PostgreSQL stopped logins answer 503 unavailable and readiness names it; both recover when it returns")
  void failsFastAndRecovers() throws Exception {
    JsonObject person = new JsonObject().put("username", "pg.outage").put("email", "pg.outage@example.id")
        .put("password", PASSWORD);
    assertEquals(201, api.postJson("/api/v1/accounts", person).status());
    assertEquals(200, login().status(), "works while PostgreSQL is up");

    postgres.stop();

    Answer refused = Eventually.await("logins to be refused as unavailable", this::login, a -> a.status() != 200);
    assertEquals(503, refused.status(), refused.toString());
    assertEquals("/problems/unavailable", refused.json().getString("type"));
    assertFalse(refused.text().contains("access_token"));

    Answer notReady = Eventually.await("readiness to notice", () -> api.get("/health/ready"), a -> a.status() == 503);
    assertTrue(notReady.json().getString("detail").contains("login (postgres"), notReady.toString());

    postgres.start();

    Eventually.await("login to work again without a restart", this::login, a -> a.status() == 200);
    Eventually.await("readiness to recover", () -> api.get("/health/ready"), a -> a.status() == 200);
  }

  private Answer login() {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "pg.outage").put("password", PASSWORD));
  }
}
