package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Answers the health address of the notification consumer: joined its Kafka group, PostgreSQL answers
 * the contact lookup, Redis answers (delivery marks, outbox). Each probe has its own time limit so the
 * reply comes within about a second.
 */
final class NotificationHealth {
  private final BooleanSupplier joinedGroup;
  private final Supplier<Future<Void>> postgresProbe;
  private final RedisAPI redis;
  private final Duration timeout;

  /** @param postgresProbe completes when the contact view answers ({@link PostgresContactDirectory#probe()}) */
  NotificationHealth(BooleanSupplier joinedGroup, Supplier<Future<Void>> postgresProbe, RedisAPI redis,
      Duration timeout) {
    this.joinedGroup = joinedGroup;
    this.postgresProbe = postgresProbe;
    this.redis = redis;
    this.timeout = timeout;
  }

  void handle(Message<JsonObject> request) {
    Future<String> postgres = probe(postgresProbe.get());
    Future<String> cache = probe(redis.ping(List.of()).mapEmpty());
    Future.join(postgres, cache).onComplete(settled -> {
      boolean joined = joinedGroup.getAsBoolean();
      JsonObject checks = new JsonObject()
          .put("kafka-group", joined ? "ok" : "not joined yet")
          .put("postgres", postgres.result())
          .put("redis", cache.result());
      boolean ok = joined && "ok".equals(postgres.result()) && "ok".equals(cache.result());
      request.reply(new JsonObject().put("ok", ok).put("checks", checks));
    });
  }

  private Future<String> probe(Future<Void> check) {
    return check.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map("ok")
        .otherwise(failure -> failure.getClass().getSimpleName());
  }
}
