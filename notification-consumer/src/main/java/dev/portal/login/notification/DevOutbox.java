package dev.portal.login.notification;

import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The development outbox: a capped Redis list of rendered messages, newest first, that developers and
 * tests read instead of a mailbox or phone. It holds codes and links IN CLEAR by design, so it exists
 * only in no-setup mode (DEV_OUTBOX) and never in production.
 */
final class DevOutbox {
  private final RedisAPI redis;
  private final int capacity;

  DevOutbox(RedisAPI redis, int capacity) {
    this.redis = redis;
    this.capacity = capacity;
  }

  Future<Void> push(JsonObject item) {
    return redis.lpush(List.of(RedisKeys.devOutbox(), item.encode()))
        .compose(pushed -> redis.ltrim(RedisKeys.devOutbox(), "0", Integer.toString(capacity - 1)))
        .mapEmpty();
  }

  /** Everything kept, newest first. */
  Future<List<JsonObject>> all() {
    return redis.lrange(RedisKeys.devOutbox(), "0", Integer.toString(capacity - 1)).map(DevOutbox::items);
  }

  private static List<JsonObject> items(Response list) {
    List<JsonObject> items = new ArrayList<>();
    if (list != null) {
      list.forEach(item -> items.add(new JsonObject(item.toString())));
    }
    return items;
  }
}
