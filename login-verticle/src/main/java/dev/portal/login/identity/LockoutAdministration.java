package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What administrators see and do about an account's lock. The state is read from the lockout
 * consumer's lock hash (lockedUntil, permanent, resetAt, failureTimes and lockTimes, epoch
 * milliseconds); an unlock is only requested here, as an event the consumer, the single writer of
 * lock state, applies.
 */
final class LockoutAdministration {
  private final RedisAPI redis;
  private final AccountStore accounts;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final LoginGuardConfig config;
  private final Clock clock;

  LockoutAdministration(RedisAPI redis, AccountStore accounts, EventPublisher publisher, SecurityEventFactory events,
      LoginGuardConfig config, Clock clock) {
    this.redis = redis;
    this.accounts = accounts;
    this.publisher = publisher;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  /** identity.admin.lockout: {accountId} -> {failuresInWindow, lockedUntil, permanent, locksIn24h}. */
  Future<JsonObject> state(JsonObject body) {
    return existingAccount(body.getString("accountId"))
        .compose(accountId -> redis.hmget(List.of(RedisKeys.lock(accountId.toString()), "lockedUntil", "permanent",
            "resetAt", "failureTimes", "lockTimes")))
        .map(this::view);
  }

  /** identity.admin.unlock: {actorAccountId, accountId} -> {} once the unlock request is in Kafka. */
  Future<JsonObject> unlock(JsonObject body) {
    String actor = body.getString("actorAccountId");
    return existingAccount(body.getString("accountId"))
        .compose(accountId -> publisher.publish(events.create(EventTypes.ACCOUNT_UNLOCK_REQUESTED, accountId,
            accountId.toString(), null, RequestContext.of(body), null, null, new JsonObject().put("actor", actor))))
        .map(published -> new JsonObject());
  }

  private Future<UUID> existingAccount(String raw) {
    UUID accountId;
    try {
      accountId = UUID.fromString(raw == null ? "" : raw);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(notFound());
    }
    return accounts.accountExists(accountId)
        .compose(exists -> exists ? Future.succeededFuture(accountId) : Future.failedFuture(notFound()));
  }

  private JsonObject view(Response fields) {
    long now = clock.millis();
    long lockedUntil = number(fields.get(0));
    boolean permanent = "1".equals(text(fields.get(1)));
    long countFrom = Math.max(number(fields.get(2)), now - config.failureWindow().toMillis());
    long historyFrom = now - config.lockHistory().toMillis();
    return new JsonObject()
        .put("failuresInWindow", times(fields.get(3)).stream().filter(time -> time > countFrom).count())
        .put("lockedUntil", !permanent && lockedUntil > now ? Instant.ofEpochMilli(lockedUntil).toString() : null)
        .put("permanent", permanent)
        .put("locksIn24h", times(fields.get(4)).stream().filter(time -> time > historyFrom).count());
  }

  private static String text(Response field) {
    return field == null ? "" : field.toString();
  }

  private static long number(Response field) {
    String text = text(field);
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  private static List<Long> times(Response field) {
    String text = text(field);
    return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::parseLong).toList();
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "There is no such account.");
  }
}
