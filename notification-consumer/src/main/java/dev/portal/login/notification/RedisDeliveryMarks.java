package dev.portal.login.notification;

import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Delivery marks as Redis strings with an expiry (RedisKeys.notificationDelivery): replays within it send nothing. */
final class RedisDeliveryMarks implements DeliveryMarks {
  private final RedisAPI redis;
  private final Duration ttl;

  RedisDeliveryMarks(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  @Override
  public Future<Optional<String>> markOf(UUID messageId) {
    return redis.get(RedisKeys.notificationDelivery(messageId.toString()))
        .map(value -> Optional.ofNullable(value).map(Object::toString));
  }

  @Override
  public Future<Void> mark(UUID messageId, String state) {
    return redis.set(List.of(RedisKeys.notificationDelivery(messageId.toString()), state,
        "EX", Long.toString(ttl.toSeconds()))).mapEmpty();
  }
}
