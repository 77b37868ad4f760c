package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions in Redis: one hash per session (account, SHA-256 of the refresh token, created,
 * last seen) with an absolute expiry, and a set per account naming its sessions so "sign out
 * everywhere" can find them. The refresh token itself is never stored.
 */
final class SessionStore {
  private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
  static final long RETRY_AFTER_SECONDS = 5;

  private final RedisAPI redis;
  private final Duration ttl;

  SessionStore(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  Future<Void> create(String sessionId, String accountId, String refreshTokenHash, Instant now) {
    String sessionKey = RedisKeys.session(sessionId);
    String accountKey = RedisKeys.accountSessions(accountId);
    String seconds = Long.toString(ttl.toSeconds());
    return redis.hset(List.of(sessionKey,
            "accountId", accountId,
            "refreshTokenHash", refreshTokenHash,
            "createdAt", now.toString(),
            "lastSeenAt", now.toString()))
        .compose(r -> redis.expire(List.of(sessionKey, seconds)))
        .compose(r -> redis.sadd(List.of(accountKey, sessionId)))
        // the index lives as long as the newest session in it
        .compose(r -> redis.expire(List.of(accountKey, seconds)))
        .<Void>mapEmpty()
        .recover(failure -> unavailable("create", failure));
  }

  Future<Void> delete(String sessionId, String accountId) {
    return redis.del(List.of(RedisKeys.session(sessionId)))
        .compose(r -> redis.srem(List.of(RedisKeys.accountSessions(accountId), sessionId)))
        .<Void>mapEmpty()
        .recover(failure -> unavailable("delete", failure));
  }

  Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }

  private static Future<Void> unavailable(String operation, Throwable failure) {
    log.warn("Redis session {} failed: {}", operation, failure.toString());
    return Future.failedFuture(new ProblemException(
        Problem.of(ProblemType.UNAVAILABLE, "Sessions cannot be stored right now.")
            .withRetryAfter(RETRY_AFTER_SECONDS)));
  }
}
