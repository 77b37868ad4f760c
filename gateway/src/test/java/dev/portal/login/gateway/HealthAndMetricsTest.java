package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Health and metrics")
class HealthAndMetricsTest {
  private static final List<String> COMPONENTS = List.of("login", "audit-consumer");

  private static void answerHealthy(Vertx vertx, String component) {
    vertx.eventBus().consumer(Addresses.health(component), message -> message.reply(new JsonObject()
        .put("ok", true).put("checks", new JsonObject().put("postgres", "ok").put("kafka", "ok"))));
  }

  @Test
  @DisplayName("liveness answers 200 UP without asking anyone")
  void live(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, COMPONENTS)
        .compose(gateway -> gateway.client.get("/health/live").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("UP", response.bodyAsJsonObject().getString("status"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("readiness answers 200 UP with every component's checks when all are ok")
  void readyWhenAllOk(Vertx vertx, VertxTestContext testContext) {
    answerHealthy(vertx, "login");
    answerHealthy(vertx, "audit-consumer");
    TestGateway.start(vertx, COMPONENTS)
        .compose(gateway -> gateway.client.get("/health/ready").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          JsonObject body = response.bodyAsJsonObject();
          assertEquals("UP", body.getString("status"));
          assertEquals("ok", body.getJsonObject("checks").getJsonObject("audit-consumer").getString("postgres"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("readiness answers 503 naming the component and check that failed")
  void notReadyWhenACheckFails(Vertx vertx, VertxTestContext testContext) {
    answerHealthy(vertx, "login");
    vertx.eventBus().consumer(Addresses.health("audit-consumer"), message -> message.reply(new JsonObject()
        .put("ok", false).put("checks", new JsonObject().put("postgres", "connection refused").put("kafka", "ok"))));
    TestGateway.start(vertx, COMPONENTS)
        .compose(gateway -> gateway.client.get("/health/ready").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(503, response.statusCode());
          assertEquals("application/problem+json", response.getHeader("Content-Type"));
          JsonObject problem = response.bodyAsJsonObject();
          assertEquals("/problems/unavailable", problem.getString("type"));
          assertEquals("Not ready: audit-consumer (postgres).", problem.getString("detail"));
          assertEquals("connection refused",
              problem.getJsonObject("checks").getJsonObject("audit-consumer").getString("postgres"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("readiness answers 503 naming the gateway's own session store when it is unreachable, though every component is ok")
  void notReadyWhenTheGatewaysRedisIsDown(Vertx vertx, VertxTestContext testContext) {
    answerHealthy(vertx, "login");
    answerHealthy(vertx, "audit-consumer");
    TestGateway.start(vertx, COMPONENTS)
        .compose(gateway -> {
          gateway.sessions.unreachable();
          return gateway.client.get("/health/ready").send();
        })
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(503, response.statusCode());
          JsonObject problem = response.bodyAsJsonObject();
          assertEquals("Not ready: gateway (redis).", problem.getString("detail"));
          assertTrue(problem.getJsonObject("checks").getJsonObject("gateway").getString("redis").startsWith("unreachable"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("readiness counts a component that never answers as failing")
  void notReadyWhenSilent(Vertx vertx, VertxTestContext testContext) {
    answerHealthy(vertx, "login");
    vertx.eventBus().consumer(Addresses.health("audit-consumer"), message -> {
      // never replies: the gateway must time out on its own
    });
    TestGateway.start(vertx, COMPONENTS)
        .compose(gateway -> gateway.client.get("/health/ready").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(503, response.statusCode());
          assertEquals("Not ready: audit-consumer (no answer).", response.bodyAsJsonObject().getString("detail"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("/metrics serves the registry as Prometheus text, including the gateway's own counters")
  void metrics(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/no/such/page").send()
            .compose(notFound -> gateway.client.get("/metrics").send()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("text/plain; version=0.0.4; charset=utf-8", response.getHeader("Content-Type"));
          String text = response.bodyAsString();
          assertTrue(text.contains("# TYPE gateway_problems_total counter"), text);
          assertTrue(text.contains("gateway_problems_total{type=\"not-found\"} 1.0"), text);
          testContext.completeNow();
        })));
  }
}
