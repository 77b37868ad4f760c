package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NotificationHealthTest {
  private static final String ADDRESS = Addresses.health(NotificationConsumerVerticle.COMPONENT);

  private static Future<JsonObject> ask(Vertx vertx, boolean joined, Supplier<Future<Void>> postgres) {
    NotificationHealth health = new NotificationHealth(() -> joined, postgres, new InMemoryRedis(),
        Duration.ofMillis(200));
    return vertx.eventBus().consumer(ADDRESS, health::handle).completion()
        .compose(registered -> vertx.eventBus().<JsonObject>request(ADDRESS, new JsonObject()))
        .map(reply -> reply.body());
  }

  @Test
  @DisplayName("health is ok when the group is joined and PostgreSQL and Redis answer")
  void healthy(Vertx vertx, VertxTestContext test) {
    ask(vertx, true, Future::succeededFuture).onComplete(test.succeeding(health -> test.verify(() -> {
      assertTrue(health.getBoolean("ok"), health.encode());
      assertEquals(new JsonObject().put("kafka-group", "ok").put("postgres", "ok").put("redis", "ok"),
          health.getJsonObject("checks"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a PostgreSQL probe that never answers is reported as timed out, in time, and health is not ok")
  void postgresHangs(Vertx vertx, VertxTestContext test) {
    ask(vertx, true, () -> Promise.<Void>promise().future()).onComplete(test.succeeding(health -> test.verify(() -> {
      assertFalse(health.getBoolean("ok"));
      assertTrue(health.getJsonObject("checks").getString("postgres").contains("Timeout"), health.encode());
      assertEquals("ok", health.getJsonObject("checks").getString("redis"));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("before joining the consumer group health is not ok")
  void notJoined(Vertx vertx, VertxTestContext test) {
    ask(vertx, false, Future::succeededFuture).onComplete(test.succeeding(health -> test.verify(() -> {
      assertFalse(health.getBoolean("ok"));
      assertEquals("not joined yet", health.getJsonObject("checks").getString("kafka-group"));
      test.completeNow();
    })));
  }
}
