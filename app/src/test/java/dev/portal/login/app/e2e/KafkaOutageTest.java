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
import dev.portal.login.app.testing.LogCapture;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No login is granted unaudited: with the broker stopped, logins and registrations fail fast with
 * 503 and issue nothing; when it returns, the same process recovers on its own. Once one publish has
 * timed out, the following ones are refused without waiting for a timeout of their own (counted as
 * {@code auth_events_published_total{result="refused"}}) until a probe finds Kafka back. Uses a broker
 * of its own so stopping it disturbs no other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest {
  private static final String PASSWORD = "Latihan gangguan jaringan 2026";
  private static final String REQUEST_ID = "kafka-outage-req-1";
  /** Logins tried while the broker is down, after the one that finds out. */
  private static final int LOGINS_DURING_OUTAGE = 8;
  /** Long beside the few logins of the outage, so they all fall in one cool-down on a slow machine too. */
  private static final String COOL_DOWN_MS = "5000";
  private static final Pattern SAMPLE = Pattern.compile("^auth_events_published_total\\{(.*)} (\\S+)$");

  private Path kafkaDir;
  private EmbeddedKafka kafka;
  private RunningApp app;
  private ApiClient api;

  @BeforeAll
  void start() throws Exception {
    kafkaDir = Files.createTempDirectory("kafka-outage-");
    kafka = new EmbeddedKafka(kafkaDir, FreePorts.next(), FreePorts.next());
    kafka.start();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "KAFKA_OUTAGE_COOLDOWN_MS", COOL_DOWN_MS));
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
  @DisplayName("with Kafka stopped a login answers 503 without a token, the next ones are refused without waiting out a publish timeout, a registration writes nothing, readiness names Kafka; all recover when it returns")
  void loginFailsClosedAndRecovers() throws Exception {
    JsonObject person = new JsonObject().put("username", "outage.user").put("email", "outage@example.id")
        .put("password", PASSWORD);
    assertEquals(201, api.postJson("/api/v1/accounts", person).status());
    assertEquals(200, login().status(), "works while Kafka is up");

    Map<String, Double> before = publishedByResult();
    kafka.stop();

    // the first login waits for its event's acknowledgement until the publish timeout
    try (LogCapture capture = LogCapture.start()) {
      Answer refused = api.postJson("/api/v1/auth/login", credentials(), Map.of("X-Request-Id", REQUEST_ID));
      assertRefused(refused);
      assertEquals(REQUEST_ID, refused.header("X-Request-Id").orElse(""));
      List<LogCapture.Line> lines = capture.entries(logger -> logger.endsWith(".EventPublisher"));
      assertTrue(lines.stream().anyMatch(line -> "WARN".equals(line.level())
          && REQUEST_ID.equals(line.keyValues().get("requestId")) && line.message().contains("not acknowledged by Kafka")),
          "the publisher's warning carries the caller's request id: " + lines);
    }
    // the next ones are refused without a publish of their own
    for (int i = 0; i < LOGINS_DURING_OUTAGE; i++) {
      assertRefused(login());
    }
    Map<String, Double> after = publishedByResult();
    double refusedAtOnce = after.getOrDefault("refused", 0.0) - before.getOrDefault("refused", 0.0);
    double timedOut = after.getOrDefault("error", 0.0) - before.getOrDefault("error", 0.0);
    assertTrue(timedOut >= 1, "the first publish failed: " + after);
    assertTrue(refusedAtOnce > timedOut, "most refusals came without waiting for a publish: refused " + refusedAtOnce
        + ", failed " + timedOut);

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
    return api.postJson("/api/v1/auth/login", credentials());
  }

  private static JsonObject credentials() {
    return new JsonObject().put("identifier", "outage.user").put("password", PASSWORD);
  }

  private static void assertRefused(Answer answer) {
    assertEquals(503, answer.status(), answer.toString());
    assertEquals("/problems/unavailable", answer.json().getString("type"));
    assertTrue(answer.header("Retry-After").isPresent(), answer.toString());
    assertFalse(answer.text().contains("access_token"), "no token without an event");
  }

  /** auth_events_published_total summed over topics, by result, from a live scrape. */
  private Map<String, Double> publishedByResult() {
    Answer scrape = api.get("/metrics");
    assertEquals(200, scrape.status());
    Map<String, Double> byResult = new HashMap<>();
    for (String line : scrape.text().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.find()) {
        Matcher result = Pattern.compile("result=\"([a-z]+)\"").matcher(sample.group(1));
        if (result.find()) {
          byResult.merge(result.group(1), Double.parseDouble(sample.group(2)), Double::sum);
        }
      }
    }
    return byResult;
  }
}
