package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions in Redis: one hash per session, a lookup from every refresh token the session was
 * ever given (by SHA-256) to its id, a tombstone saying why an ended session ended, and a set per
 * account naming its sessions. Every change is one Lua script, so one round trip and atomic. The
 * refresh token itself is never stored.
 *
 * <p>Idle and absolute expiry are decided against the caller's clock; the Redis TTLs (the absolute
 * lifetime plus the longest an access token lives) only collect garbage.
 */
final class SessionStore {
  private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
  static final long RETRY_AFTER_SECONDS = 5;
  private static final String LIST_SEPARATOR = ",";

  private final RedisAPI redis;
  private final Duration idleTtl;
  private final Duration absoluteTtl;
  private final long retainSeconds;

  SessionStore(RedisAPI redis, LoginConfig.Tokens tokens) {
    this.redis = redis;
    this.idleTtl = tokens.sessions().idleTtl();
    this.absoluteTtl = tokens.sessions().absoluteTtl();
    this.retainSeconds = absoluteTtl.plus(tokens.accessTokenTtl()).plus(tokens.clockSkew()).toSeconds();
  }

  /** A session about to begin; {@code deviceToken} may be null. */
  record NewSession(String sessionId, UUID accountId, List<String> roles, List<String> amr, String refreshTokenHash,
      Instant createdAt, String ip, String userAgent, String deviceToken) {
    @Override
    public String toString() {
      return "NewSession[sessionId=" + sessionId + ", accountId=" + accountId + "]";
    }
  }

  /** What presenting a refresh token did. */
  sealed interface RefreshOutcome {
  }

  /** The token was the current one: a new one replaced it. */
  record Rotated(String sessionId, UUID accountId, List<String> roles, List<String> amr) implements RefreshOutcome {
  }

  /** The token was already spent: the session has just been revoked. */
  record Reused(String sessionId, UUID accountId) implements RefreshOutcome {
  }

  /** The session had ended (or just expired); {@code reason} may be null for an unknown word. */
  record Ended(String sessionId, SessionEnd reason) implements RefreshOutcome {
  }

  /** No session was ever given this token, or it is long gone. */
  record Unknown() implements RefreshOutcome {
  }

  /** A live session as its owner sees it; ip and userAgent may be null. */
  record ActiveSession(String sessionId, Instant createdAt, Instant lastSeenAt, String ip, String userAgent) {
  }

  Future<Void> create(NewSession session) {
    String millis = Long.toString(session.createdAt().toEpochMilli());
    List<String> args = new ArrayList<>(List.of(session.sessionId(), Long.toString(retainSeconds),
        "accountId", session.accountId().toString(),
        "roles", String.join(LIST_SEPARATOR, session.roles()),
        "amr", String.join(LIST_SEPARATOR, session.amr()),
        "refreshTokenHash", session.refreshTokenHash(),
        "createdAt", millis,
        "lastSeenAt", millis,
        "absoluteExpiresAt", Long.toString(session.createdAt().plus(absoluteTtl).toEpochMilli()),
        "idleTtlMs", Long.toString(idleTtl.toMillis()),
        "retainSeconds", Long.toString(retainSeconds)));
    addIfPresent(args, "ip", session.ip());
    addIfPresent(args, "userAgent", session.userAgent());
    addIfPresent(args, "deviceToken", session.deviceToken());
    List<String> keys = List.of(RedisKeys.session(session.sessionId()),
        RedisKeys.refreshToken(session.refreshTokenHash()),
        RedisKeys.accountSessions(session.accountId().toString()));
    return SessionScripts.CREATE.run(redis, keys, args)
        .<Void>mapEmpty()
        .recover(failure -> unavailable("create", failure));
  }

  /** Spends {@code presentedHash}: rotates to {@code newHash}, or detects reuse, expiry or an unknown token. */
  Future<RefreshOutcome> refresh(String presentedHash, String newHash, Instant now) {
    List<String> args = List.of(presentedHash, newHash, Long.toString(now.toEpochMilli()),
        RedisKeys.session(""), RedisKeys.sessionEnded(""), RedisKeys.refreshToken(""));
    return SessionScripts.REFRESH.run(redis, List.of(RedisKeys.refreshToken(presentedHash)), args)
        .map(SessionStore::refreshOutcome)
        .recover(failure -> unavailable("refresh", failure));
  }

  /** Ends one session if {@code accountId} owns it and it is live; false otherwise. */
  Future<Boolean> end(String sessionId, UUID accountId, SessionEnd reason) {
    List<String> keys = List.of(RedisKeys.session(sessionId), RedisKeys.sessionEnded(sessionId),
        RedisKeys.accountSessions(accountId.toString()));
    return SessionScripts.END.run(redis, keys, List.of(accountId.toString(), reason.wireName(), sessionId))
        .map(response -> response.toInteger() == 1)
        .recover(failure -> unavailable("end", failure));
  }

  /** Ends every live session of the account except {@code keepSessionId} (may be null); returns their ids. */
  Future<List<String>> endAll(UUID accountId, SessionEnd reason, String keepSessionId, Instant now) {
    List<String> args = List.of(RedisKeys.session(""), RedisKeys.sessionEnded(""), reason.wireName(),
        keepSessionId == null ? "" : keepSessionId, Long.toString(now.toEpochMilli()));
    return SessionScripts.END_ACCOUNT.run(redis, List.of(RedisKeys.accountSessions(accountId.toString())), args)
        .map(SessionStore::strings)
        .recover(failure -> unavailable("end all", failure));
  }

  /** The live sessions of the account, in no particular order. */
  Future<List<ActiveSession>> list(UUID accountId, Instant now) {
    List<String> args = List.of(RedisKeys.session(""), Long.toString(now.toEpochMilli()));
    return SessionScripts.LIST.run(redis, List.of(RedisKeys.accountSessions(accountId.toString())), args)
        .map(SessionStore::activeSessions)
        .recover(failure -> unavailable("list", failure));
  }

  /** Removes a session that never reached its owner (its login could not be recorded). */
  Future<Void> delete(String sessionId, UUID accountId) {
    return redis.del(List.of(RedisKeys.session(sessionId)))
        .compose(r -> redis.srem(List.of(RedisKeys.accountSessions(accountId.toString()), sessionId)))
        .<Void>mapEmpty()
        .recover(failure -> unavailable("delete", failure));
  }

  Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }

  private static RefreshOutcome refreshOutcome(Response response) {
    String verdict = response.get(0).toString();
    return switch (verdict) {
      case "rotated" -> new Rotated(response.get(1).toString(), UUID.fromString(response.get(2).toString()),
          split(response.get(3).toString()), split(response.get(4).toString()));
      case "reused" -> new Reused(response.get(1).toString(), UUID.fromString(response.get(2).toString()));
      case "ended" -> new Ended(response.get(1).toString(), SessionEnd.fromWireName(response.get(2).toString()));
      default -> new Unknown();
    };
  }

  private static List<ActiveSession> activeSessions(Response response) {
    List<ActiveSession> sessions = new ArrayList<>();
    for (int i = 0; i + 4 < response.size(); i += 5) {
      sessions.add(new ActiveSession(
          response.get(i).toString(),
          Instant.ofEpochMilli(response.get(i + 1).toLong()),
          Instant.ofEpochMilli(response.get(i + 2).toLong()),
          emptyToNull(response.get(i + 3).toString()),
          emptyToNull(response.get(i + 4).toString())));
    }
    return sessions;
  }

  private static List<String> strings(Response response) {
    List<String> values = new ArrayList<>();
    response.forEach(item -> values.add(item.toString()));
    return values;
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static void addIfPresent(List<String> args, String field, String value) {
    if (value != null && !value.isEmpty()) {
      args.add(field);
      args.add(value);
    }
  }

  private static <T> Future<T> unavailable(String operation, Throwable failure) {
    log.warn("Redis session {} failed: {}", operation, failure.toString());
    return Future.failedFuture(new ProblemException(
        Problem.of(ProblemType.UNAVAILABLE, "Sessions cannot be used right now.")
            .withRetryAfter(RETRY_AFTER_SECONDS)));
  }
}
