package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The development outbox at the gateway")
class DevOutboxRouteTest {
  private static final JsonObject OUTBOX = new JsonObject().put("items", new JsonArray()
      .add(new JsonObject().put("to", "siti@example.id").put("subject", "Kode verifikasi Anda")));

  @Test
  @DisplayName("is 404 not-found when switched off, and the notification role is never asked")
  void offByDefault(Vertx vertx, VertxTestContext testContext) {
    FakeRoles roles = new FakeRoles(vertx).reply(Addresses.NOTIFICATION_DEV_OUTBOX, OUTBOX);
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/api/v1/dev/outbox?to=siti@example.id").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(404, response.statusCode());
          assertEquals("/problems/not-found", response.bodyAsJsonObject().getString("type"));
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("when on, answers 200 with the items, passing the recipient and limit along")
  void on(Vertx vertx, VertxTestContext testContext) {
    FakeRoles roles = new FakeRoles(vertx).reply(Addresses.NOTIFICATION_DEV_OUTBOX, OUTBOX);
    TestGateway.start(vertx, List.of(), Map.of("DEV_OUTBOX", "true"))
        .compose(gateway -> gateway.client.get("/api/v1/dev/outbox").addQueryParam("to", "siti@example.id")
            .addQueryParam("limit", "5").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals(OUTBOX, response.bodyAsJsonObject());
          JsonObject request = roles.received(Addresses.NOTIFICATION_DEV_OUTBOX);
          assertEquals("siti@example.id", request.getString("to"));
          assertEquals(5, request.getInteger("limit"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("when on but no notification role answers in this process, is 404 too, not 503")
  void onWithoutOutbox(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of(), Map.of("DEV_OUTBOX", "true"))
        .compose(gateway -> gateway.client.get("/api/v1/dev/outbox").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(404, response.statusCode(), response.bodyAsString());
          assertEquals("/problems/not-found", response.bodyAsJsonObject().getString("type"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a limit that is not a whole number from 1 to 1000 with 400, before asking")
  void badLimit(Vertx vertx, VertxTestContext testContext) {
    FakeRoles roles = new FakeRoles(vertx).reply(Addresses.NOTIFICATION_DEV_OUTBOX, OUTBOX);
    TestGateway.start(vertx, List.of(), Map.of("DEV_OUTBOX", "true"))
        .compose(gateway -> gateway.client.get("/api/v1/dev/outbox?limit=1001").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(400, response.statusCode());
          assertEquals("limit", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }
}
