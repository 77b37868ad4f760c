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
}
