package dev.portal.login.contracts;

/**
 * The Redis key layout shared by the roles. Keys that belong to one account carry the account
 * id in braces (a Redis Cluster hash tag) so everything about one account lives in one slot.
 */
public final class RedisKeys {
  private static final String PREFIX = "auth:";

  private RedisKeys() {
  }

  /** Hash: a login session (account, refresh-token hash, created, last seen, expiry). */
  public static String session(String sessionId) {
    return PREFIX + "session:" + sessionId;
  }

  /** String with expiry: the id of the session a refresh token (by its SHA-256) was issued to. */
  public static String refreshToken(String refreshTokenHash) {
    return PREFIX + "refresh:" + refreshTokenHash;
  }

  /** String with expiry: why a session ended (its tombstone), so late requests can be told why. */
  public static String sessionEnded(String sessionId) {
    return PREFIX + "session-ended:" + sessionId;
  }

  /** Set: the session ids of one account. */
  public static String accountSessions(String accountId) {
    return PREFIX + "account:{" + accountId + "}:sessions";
  }

  /** Hash: the lock state of a subject (account id or hashed unknown identifier). */
  public static String lock(String subjectKey) {
    return PREFIX + "lock:{" + subjectKey + "}";
  }

  /** Sorted set: recent failures of a subject, scored by time, members are event ids. */
  public static String failures(String subjectKey) {
    return PREFIX + "failures:{" + subjectKey + "}";
  }

  /** String with expiry: an IP network that is throttled. */
  public static String ipThrottle(String network) {
    return PREFIX + "throttle:ip:" + network;
  }

  /** Set with expiry: event ids a consumer has already applied (its idempotence record). */
  public static String applied(String consumer, String subjectKey) {
    return PREFIX + "applied:" + consumer + ":{" + subjectKey + "}";
  }

  /** Sorted set: attempt ids of one subject admitted to password hashing, scored by when they expire. */
  public static String guardInflight(String subjectKey) {
    return PREFIX + "guard:inflight:{" + subjectKey + "}";
  }

  /** Sorted set: attempt ids of one subject whose password check failed, scored by the failure time. */
  public static String guardFailures(String subjectKey) {
    return PREFIX + "guard:failures:{" + subjectKey + "}";
  }

  /** Sorted set with expiry: failed logins from one IP network (any account), members are event ids. */
  public static String ipFailures(String network) {
    return PREFIX + "failures:ip:" + network;
  }

  /** Sorted set: subjects under lock, scored by the end of the lock (+inf when permanent). */
  public static String activeLocks() {
    return PREFIX + "lockout:active";
  }

  /** String: present once lock state was rebuilt from Kafka (or built up from the start) in this Redis. */
  public static String lockoutBuilt() {
    return PREFIX + "lockout:built";
  }

  /** List, capped: messages the notification consumer would have delivered (development outbox). */
  public static String devOutbox() {
    return PREFIX + "dev-outbox";
  }
}
