package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
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
 * The password-hash pool is bounded: when its one thread and one queue slot are taken, further
 * logins are refused at once with 503 overloaded and Retry-After, and none hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadTest {
  private static final String PASSWORD = "saturate the hash pool";
  private static final int CONCURRENT_LOGINS = 16;

  private RunningApp app;

  @BeforeAll
  void start() throws Exception {
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of(
        "HASH_THREADS", "1", "HASH_QUEUE_CAPACITY", "1",
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
      answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/auth/login"))
          .timeout(ApiClient.HANG_LIMIT).header("Content-Type", "application/json")
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
}
