package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.EmbeddedKafka;
import dev.portal.login.app.Role;
import dev.portal.login.app.TempFiles;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Database;
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
 * No login is granted unaudited: with the broker stopped, logins and registrations fail fast with
 * 503 and issue nothing; when it returns, the same process recovers on its own. Uses a broker of
 * its own so stopping it disturbs no other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest {
  private static final String PASSWORD = "Latihan gangguan jaringan 2026";

  private Path kafkaDir;
  private EmbeddedKafka kafka;
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    kafkaDir = Files.createTempDirectory("kafka-outage-");
    kafka = new EmbeddedKafka(kafkaDir, FreePorts.next(), FreePorts.next());
    kafka.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    api = new ApiClient(app.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      kafka.stop();
      TempFiles.deleteRecursively(kafkaDir);
    }
  }

  @Test
  @DisplayName("with Kafka stopped a login answers 503 without a token, a registration writes nothing, readiness names Kafka; all recover when it returns")
  void loginFailsClosedAndRecovers() throws Exception {
    JsonObject person = new JsonObject().put("username", "outage.user").put("email", "outage@example.id")
        .put("password", PASSWORD);
    assertEquals(201, api.postJson("/api/v1/accounts", person).status());
    assertEquals(200, login().status(), "works while Kafka is up");

    kafka.stop();

    Answer refused = login();
    assertEquals(503, refused.status(), refused.toString());
    assertEquals("/problems/unavailable", refused.json().getString("type"));
    assertTrue(refused.header("Retry-After").isPresent());
    assertFalse(refused.text().contains("access_token"), "no token without an event");

    long accounts = Database.rows("identity.account");
    Answer registration = api.postJson("/api/v1/accounts", new JsonObject().put("username", "during.outage")
        .put("email", "during@example.id").put("password", PASSWORD));
    assertEquals(503, registration.status(), registration.toString());
    assertEquals(accounts, Database.rows("identity.account"), "the registration rolled back");

    Answer notReady = Eventually.await("readiness to notice", () -> api.get("/health/ready"), a -> a.status() == 503);
    assertTrue(notReady.json().getString("detail").contains("kafka"), notReady.toString());

    kafka.start();

    Eventually.await("login to work again without a restart", this::login, a -> a.status() == 200);
    Eventually.await("readiness to recover", () -> api.get("/health/ready"), a -> a.status() == 200);
    assertEquals(201, api.postJson("/api/v1/accounts", new JsonObject().put("username", "during.outage")
        .put("email", "during@example.id").put("password", PASSWORD)).status(), "nothing half-written blocks a retry");
  }

  private Answer login() {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", "outage.user").put("password", PASSWORD));
  }
}
