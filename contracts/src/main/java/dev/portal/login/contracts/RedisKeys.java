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

  /** List, capped: messages rendered in no-setup mode instead of being sent (the development outbox), newest first. */
  public static String devOutbox() {
    return PREFIX + "dev-outbox";
  }

  /** Hash with expiry: a one-time-code challenge (account, purpose, channel, code hash, attempts, resends). */
  public static String challenge(String challengeId) {
    return PREFIX + "challenge:" + challengeId;
  }

  /**
   * Counter with expiry: one-time codes sent for an account in the current window (login, step-up,
   * phone and reset codes alike, resends included); bounds the SMS and e-mail one account can cause.
   */
  public static String codeSends(String accountId) {
    return PREFIX + "codes:{" + accountId + "}:sent";
  }

  /**
   * Counter with expiry: one-time codes sent to one destination the account has not proven yet (a phone
   * number being verified), keyed by an HMAC of the destination, never the number itself; bounds what
   * many accounts together can send to one number.
   */
  public static String codeSendsTo(String destinationHash) {
    return PREFIX + "codes:to:" + destinationHash + ":sent";
  }

  /** Sorted set: the TOTP time steps an account has already used (a code is accepted once only). */
  public static String totpUsedSteps(String accountId) {
    return PREFIX + "totp:{" + accountId + "}:used";
  }

  /** String with expiry: a pending (not yet confirmed) TOTP secret of an account, sealed. */
  public static String totpPending(String accountId) {
    return PREFIX + "totp:{" + accountId + "}:pending";
  }

  /** String with expiry: a throttle on password-reset messages for one account (or unknown identifier). */
  public static String resetThrottle(String subjectKey) {
    return PREFIX + "reset:throttle:{" + subjectKey + "}";
  }

  /** String with expiry: the delivery state of a notification (its messageId); makes delivery idempotent. */
  public static String notificationDelivery(String messageId) {
    return PREFIX + "notification:delivery:" + messageId;
  }

  /** Sorted set: IP networks (/24, /48) an account signed in from, scored by when last seen (new-sign-in alerts). */
  public static String knownNetworks(String accountId) {
    return PREFIX + "account:{" + accountId + "}:networks";
  }

  /**
   * String with expiry: the challenge a forgot-password reply's handle (sent before the challenge
   * exists) stands for, or a stand-in when no code was sent.
   */
  public static String resetHandle(String handle) {
    return PREFIX + "reset:handle:" + handle;
  }

  /** String with expiry: a verification link was re-sent after a refused sign-in (one per account per interval). */
  public static String emailVerificationThrottle(String accountId) {
    return PREFIX + "verify:throttle:{" + accountId + "}";
  }
}
