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
  /** A session ended before its time; reason logout, user, others, admin, disabled, reused or password-reset; details.actor. */
  public static final String SESSION_REVOKED = "session.revoked";
  /** An already-used refresh token was presented: the signal of a stolen token. */
  public static final String SESSION_REFRESH_REUSED = "session.refresh_reused";
  /** An administrator disabled the account (details.actor); every session was revoked with it. */
  public static final String ACCOUNT_DISABLED = "account.disabled";
  /** An administrator enabled the account again (details.actor). */
  public static final String ACCOUNT_ENABLED = "account.enabled";
  /** An administrator asked to lift the lock of an account (details.actor); the lockout consumer applies it. */
  public static final String ACCOUNT_UNLOCK_REQUESTED = "account.unlock_requested";

  /**
   * The password was right and a second factor is now asked for (details.channel, details.challengeId);
   * not a success for lockout: only {@link #LOGIN_SUCCEEDED} after the code clears failures.
   */
  public static final String LOGIN_MFA_REQUIRED = "login.mfa_required";
  /**
   * A one-time code was sent (details.purpose login|reset|step-up|phone, details.channel email|sms,
   * details.destination masked, details.challengeId). Never the code.
   */
  public static final String MFA_CODE_SENT = "mfa.code_sent";
  /**
   * A one-time code was not sent: the account's budget of codes for the window is spent
   * (details.purpose, details.channel). Many of these for one account is SMS pumping or a stuck client.
   */
  public static final String MFA_CODE_REFUSED = "mfa.code_refused";
  /** A challenge took too many wrong codes and can no longer be used (details.challengeId, details.purpose). */
  public static final String MFA_CHALLENGE_BURNED = "mfa.challenge_burned";
  /** The second-factor method changed (details.method none|email|sms|totp, details.previous). */
  public static final String MFA_METHOD_CHANGED = "mfa.method_changed";
  /** A recovery code was spent (details.remaining). */
  public static final String MFA_RECOVERY_CODE_USED = "mfa.recovery_code_used";
  /** A phone number was verified by a code sent to it (details.destination masked). */
  public static final String PHONE_VERIFIED = "account.phone_verified";
  /** A verification link was sent to the account's e-mail (details.destination masked). */
  public static final String EMAIL_VERIFICATION_SENT = "account.email_verification_sent";
  /** The account's e-mail address was verified through its link. */
  public static final String EMAIL_VERIFIED = "account.email_verified";
  /**
   * Someone asked to reset a password (details.channel). outcome success when a message was sent;
   * rejected with reason unknown_identifier, unverified or throttled otherwise (the caller is told nothing).
   */
  public static final String PASSWORD_RESET_REQUESTED = "password.reset_requested";
  /** The password changed (details.via reset|change); a reset also lifts every lock and ends every session. */
  public static final String PASSWORD_CHANGED = "password.changed";

  private EventTypes() {
  }

  /** The topic an event of this type belongs to. */
  public static String topicOf(String type) {
    return type.startsWith("login.") ? Topics.LOGIN_EVENTS : Topics.ACCOUNT_EVENTS;
  }
}
