package dev.portal.login.contracts;

/** The {@code type} values of {@link SecurityEvent}. */
public final class EventTypes {
  public static final String ACCOUNT_REGISTERED = "account.registered";
  public static final String LOGIN_SUCCEEDED = "login.succeeded";
  public static final String LOGIN_FAILED = "login.failed";
  public static final String LOGIN_REJECTED = "login.rejected";
  public static final String ACCOUNT_LOCKED = "account.locked";
  public static final String ACCOUNT_UNLOCKED = "account.unlocked";
  /** A session began (one per successful login, each with a new session id). */
  public static final String SESSION_CREATED = "session.created";
  /** A session ended before its time; reason logout, user, others, admin, disabled or reused; details.actor. */
  public static final String SESSION_REVOKED = "session.revoked";
  /** An already-used refresh token was presented: the signal of a stolen token. */
  public static final String SESSION_REFRESH_REUSED = "session.refresh_reused";
  /** An administrator disabled the account (details.actor); every session was revoked with it. */
  public static final String ACCOUNT_DISABLED = "account.disabled";
  /** An administrator enabled the account again (details.actor). */
  public static final String ACCOUNT_ENABLED = "account.enabled";
  /** An administrator asked to lift the lock of an account (details.actor); the lockout consumer applies it. */
  public static final String ACCOUNT_UNLOCK_REQUESTED = "account.unlock_requested";

  private EventTypes() {
  }

  /** The topic an event of this type belongs to. */
  public static String topicOf(String type) {
    return type.startsWith("login.") ? Topics.LOGIN_EVENTS : Topics.ACCOUNT_EVENTS;
  }
}
