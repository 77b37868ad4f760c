package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.LoginAttempts;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Surge behaviour. The password-hash pool is bounded: when its one thread and few queue slots are
 * taken, further logins are refused at once with 503 overloaded and Retry-After, and none hangs; a
 * network that keeps failing is throttled with 429 and Retry-After. Not timed: only that every
 * request gets an answer within the hang limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadTest {
  private static final String PASSWORD = "saturate the hash pool";
  private static final int CONCURRENT_LOGINS = 50;
  private static final int IP_THROTTLE_FAILURES = 5;

  private RunningApp app;

  @BeforeAll
  void start() throws Exception {
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of(
        "HASH_THREADS", "1", "HASH_QUEUE_CAPACITY", "2",
        "IP_THROTTLE_FAILURES", Integer.toString(IP_THROTTLE_FAILURES), "TRUSTED_PROXIES", "127.0.0.0/8, ::1",
        // expensive enough that a hash is still running when the next requests arrive
        "HASH_MEMORY_KIB", "65536", "HASH_ITERATIONS", "4"));
    new ApiClient(app.baseUrl()).postJson("/api/v1/accounts", new JsonObject().put("username", "busy.user")
        .put("email", "busy@example.id").put("password", PASSWORD));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("a burst beyond the hash pool's bound gets 503 overloaded with Retry-After, the rest are served, and every request is answered")
  void burstIsRefusedNotQueued() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String body = new JsonObject().put("identifier", "busy.user").put("password", PASSWORD).encode();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_LOGINS; i++) {
      // one network per request: the per-IP budget is not what this test exercises
      answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/auth/login"))
          .timeout(ApiClient.HANG_LIMIT).header("Content-Type", "application/json")
          .header("X-Forwarded-For", "198.51.100." + (i + 1))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .get(ApiClient.HANG_LIMIT.toSeconds(), TimeUnit.SECONDS);

    int served = 0;
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> future : answers) {
      HttpResponse<String> response = future.join();
      if (response.statusCode() == 200) {
        served++;
      } else {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("/problems/overloaded", new JsonObject(response.body()).getString("type"));
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "Retry-After tells clients when");
        refused++;
      }
    }
    assertTrue(served >= 1, "the pool still serves what it accepted");
    assertTrue(refused >= 1, "the excess was refused rather than queued");
    assertEquals(CONCURRENT_LOGINS, served + refused);
  }

  @Test
  @DisplayName("a network that keeps failing during the surge is throttled with 429 rate-limited and a Retry-After, and other networks are not")
  void failingNetworkIsThrottled() {
    LoginAttempts attempts = new LoginAttempts(app.baseUrl());
    String network = "203.0.113.7";
    for (int i = 0; i < IP_THROTTLE_FAILURES; i++) {
      Answer failed = attempts.login("surge.unknown", "not the password", network);
      assertTrue(failed.status() == 401 || failed.status() == 503, failed.toString());
    }
    Answer throttled = Eventually.await("the network throttled",
        () -> attempts.login("surge.unknown", "not the password", network), answer -> answer.status() == 429);
    assertEquals("/problems/rate-limited", throttled.json().getString("type"));
    long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0, "Retry-After " + retryAfter);
    Answer elsewhere = attempts.login("busy.user", PASSWORD, "203.0.113.8");
    assertTrue(elsewhere.status() == 200 || elsewhere.status() == 503, elsewhere.toString());
  }
}
