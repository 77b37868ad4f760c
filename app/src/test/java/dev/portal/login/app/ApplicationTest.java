package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The application")
class ApplicationTest {

  @BeforeEach
  void resetState(Vertx vertx, VertxTestContext testContext) {
    TestServices.get().reset(vertx).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("with every role is ready on every component and serves JVM and Vert.x metrics")
  void allRolesReadyWithMetrics(Vertx vertx, VertxTestContext testContext) throws Exception {
    RunningApp app = RunningApp.start();
    WebClient client = WebClient.create(vertx);
    client.getAbs(app.baseUrl() + "/health/ready").send()
        .compose(ready -> client.getAbs(app.baseUrl() + "/metrics").send().map(metrics -> {
          testContext.verify(() -> {
            assertEquals(200, ready.statusCode(), ready.bodyAsString());
            JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
            assertEquals(java.util.Set.of("login", "lockout-consumer", "audit-consumer", "notification-consumer", "gateway"),
                checks.fieldNames());
            String text = metrics.bodyAsString();
            assertTrue(text.contains("jvm_memory_used_bytes"), "JVM memory binder");
            assertTrue(text.contains("jvm_gc_"), "JVM GC binder");
            assertTrue(text.contains("jvm_threads_live_threads"), "JVM threads binder");
            assertTrue(text.contains("process_uptime_seconds"), "uptime binder");
            assertTrue(text.contains("system_cpu_usage"), "processor binder");
            assertFalse(text.contains("system_cpu_count"), "filtered: promtool rejects its name");
            assertTrue(text.contains("vertx_http_server_"), "Vert.x metrics reach the same registry");
            assertFalse(java.util.regex.Pattern.compile("pool_name=\"[0-9a-f]{8}-").matcher(text).find(),
                "no pool is labelled with a random per-process name");
          });
          return metrics;
        }))
        .eventually(() -> vertx.executeBlocking(() -> {
          app.close();
          return null;
        }))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("with only the api role asks only the login component for readiness, and stops listening on close")
  void apiRoleOnly(Vertx vertx, VertxTestContext testContext) throws Exception {
    RunningApp app = RunningApp.start(EnumSet.of(Role.API), Map.of());
    String baseUrl = app.baseUrl();
    WebClient client = WebClient.create(vertx);
    client.getAbs(baseUrl + "/health/ready").send()
        .map(ready -> {
          testContext.verify(() -> {
            assertEquals(200, ready.statusCode(), ready.bodyAsString());
            assertEquals(java.util.Set.of("login", "gateway"), ready.bodyAsJsonObject().getJsonObject("checks").fieldNames());
          });
          return ready;
        })
        .compose(ignored -> vertx.executeBlocking(() -> {
          app.close();
          return null;
        }))
        .compose(ignored -> client.getAbs(baseUrl + "/health/live").send()
            .map(response -> "answered " + response.statusCode())
            .recover(refused -> io.vertx.core.Future.succeededFuture("refused")))
        .onComplete(testContext.succeeding(afterClose -> testContext.verify(() -> {
          assertEquals("refused", afterClose, "the gateway no longer listens after close");
          assertFalse(afterClose.startsWith("answered"));
          testContext.completeNow();
        })));
  }
}
