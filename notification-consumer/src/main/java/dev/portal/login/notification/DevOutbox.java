package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where messages go until real delivery channels exist: a capped Redis list (newest first) that
 * developers and tests read, surviving restarts. At-least-once like the consumer, so a replayed
 * message can appear twice; each carries its messageId to tell. Messages hold no secrets in clear.
 */
final class DevOutbox {
  private final RedisAPI redis;
  private final int capacity;

  DevOutbox(RedisAPI redis, int capacity) {
    this.redis = redis;
    this.capacity = capacity;
  }

  Future<Void> record(List<SourcedEvent<JsonObject>> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> push = new ArrayList<>();
    push.add(RedisKeys.devOutbox());
    messages.forEach(message -> push.add(message.event().encode()));
    return redis.lpush(push)
        .compose(pushed -> redis.ltrim(RedisKeys.devOutbox(), "0", Integer.toString(capacity - 1)))
        .mapEmpty();
  }
}
