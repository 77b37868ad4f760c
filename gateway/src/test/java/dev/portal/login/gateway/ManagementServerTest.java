package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The management server of a consumer-only process")
class ManagementServerTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private Future<WebClient> start(Vertx vertx) {
    ManagementVerticle server = new ManagementVerticle(new ManagementConfig("127.0.0.1", 0, Duration.ofMillis(500)),
        registry, List.of("audit-consumer"));
    return vertx.deployVerticle(server).map(id -> WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())));
  }

  @Test
  @DisplayName("serves the process's metrics, and readiness of its own components only (no gateway session store)")
  void metricsAndReadiness(Vertx vertx, VertxTestContext testContext) {
    Counter.builder("audit.rows.written").register(registry).increment(3);
    vertx.eventBus().consumer(Addresses.health("audit-consumer"), message -> message.reply(new JsonObject()
        .put("ok", true).put("checks", new JsonObject().put("postgres", "ok"))));
    start(vertx)
        .compose(client -> client.get("/metrics").send()
            .compose(metrics -> client.get("/health/ready").send().map(ready -> List.of(metrics, ready))))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(200, responses.get(0).statusCode());
          assertTrue(responses.get(0).bodyAsString().contains("audit_rows_written_total 3.0"));
          assertEquals(200, responses.get(1).statusCode(), responses.get(1).bodyAsString());
          JsonObject checks = responses.get(1).bodyAsJsonObject().getJsonObject("checks");
          assertEquals("ok", checks.getJsonObject("audit-consumer").getString("postgres"));
          assertFalse(checks.containsKey(ReadinessProbe.GATEWAY), checks.encode());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a silent component makes it not ready, named in a problem; anything but the three paths is a 404 problem")
  void notReadyAndNothingElse(Vertx vertx, VertxTestContext testContext) {
    start(vertx)
        .compose(client -> client.get("/health/ready").send()
            .compose(ready -> client.post("/api/v1/auth/login").send().map(other -> List.of(ready, other))))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(503, responses.get(0).statusCode());
          assertEquals("Not ready: audit-consumer (no answer).", responses.get(0).bodyAsJsonObject().getString("detail"));
          assertEquals(404, responses.get(1).statusCode());
          assertEquals("application/problem+json", responses.get(1).getHeader("Content-Type"));
          testContext.completeNow();
        })));
  }
}
