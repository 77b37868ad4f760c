package dev.portal.login.contracts;

/**
 * Event-bus addresses between the roles of one process. Every request body is a JSON object;
 * requests coming from HTTP carry a {@link RequestContext} under {@link RequestContext#FIELD}.
 * Failures are answered with {@link ProblemException#failMessage}.
 */
public final class Addresses {
  /** {username, email, password, phone?, nationalId?, employerNumber?, locale?} -> the account view. */
  public static final String IDENTITY_REGISTER = "identity.register";
  /** {identifier, password} -> {access_token, token_type, expires_in, refresh_token}. */
  public static final String IDENTITY_LOGIN = "identity.login";
  /** {accountId} -> the account view. */
  public static final String IDENTITY_ACCOUNT = "identity.account";
  /** {} -> the JWK set ({keys: [...]}) of public keys that sign access tokens. */
  public static final String IDENTITY_JWKS = "identity.jwks";
  /**
   * {accountId?, subjectKeys?: [..], ip? (address or CIDR), type?, outcome?, from?, to?, limit, cursor? | after?}
   * -> {items: [...], nextCursor} newest first; with {@code after} (an event id) oldest first -> {items, nextAfter}.
   */
  public static final String AUDIT_QUERY = "audit.query";
  /** {windowSeconds} -> {from, to, failures, successes, failureRatio, locks, throttledIps, topIps, topAccounts}. */
  public static final String AUDIT_SUMMARY = "audit.summary";
  /** {from, to, resume?} -> {ok, checked, unchained, firstBrokenLink, resume}; ask again with resume until null. */
  public static final String AUDIT_VERIFY = "audit.verify";
  /** {accountId, sessionId?} -> {items: [{occurredAt, type, outcome, reason, ip, device, thisSession}]}. */
  public static final String AUDIT_ACTIVITY = "audit.activity";
  /**
   * Published locally in each api process for every readable event its stream reader takes from Kafka:
   * {item, subjectKey, topic, partition, offset}, in offset order within each partition.
   */
  public static final String AUDIT_LIVE = "audit.live";
  /**
   * Name of the local shared-data map (Vert.x LocalMap) in which each api process counts its live
   * stream clients under {@link #AUDIT_LIVE_CLIENTS}: the stream reader reads and publishes events on
   * {@link #AUDIT_LIVE} only while some client listens, and otherwise only keeps its positions.
   */
  public static final String AUDIT_LIVE_WATCHERS = "audit.live.watchers";
  /** The key of the client count in {@link #AUDIT_LIVE_WATCHERS}. */
  public static final String AUDIT_LIVE_CLIENTS = "clients";
  /**
   * Answered locally by the process's stream reader: {} -> {positions: [{topic, partition, next}]}, where
   * {@code next} is the offset after the last record it handled in that partition (published or skipped):
   * every record from {@code next} on is yet to be published on {@link #AUDIT_LIVE}.
   */
  public static final String AUDIT_LIVE_POSITIONS = "audit.live.positions";
  /**
   * Answered locally by the process's stream reader: {} -> {positions: [{topic, partition, next}]}, the
   * audit writers' committed offsets: every record below {@code next} is in the audit table or can never
   * be (dead-lettered, or a repeat of a stored event). A partition they have not committed is left out.
   */
  public static final String AUDIT_WRITTEN_POSITIONS = "audit.written.positions";
  /**
   * The filters of {@link #AUDIT_QUERY} plus {topic, partition, fromOffset, untilOffset, limit} -> {events:
   * [{offset, item}], next}: the matching rows of one Kafka partition with {@code fromOffset <= offset <
   * untilOffset}, in offset order, at most {@code limit}; {@code next} is the offset to ask from for the
   * rest, null when there is none.
   */
  public static final String AUDIT_STREAM_CATCHUP = "audit.stream.catchup";
  /** {identifier} -> {accountId | null, subjectKeys: [...]}: the subject keys events of an identifier carry. */
  public static final String IDENTITY_RESOLVE = "identity.resolve";
  /** {refresh_token} -> a new {access_token, token_type, expires_in, refresh_token}; the old one is spent. */
  public static final String IDENTITY_REFRESH = "identity.refresh";
  /** {accountId, sessionId} -> {}: ends the caller's own session. */
  public static final String IDENTITY_LOGOUT = "identity.logout";
  /** {accountId, sessionId} -> {items: [{id, createdAt, lastSeenAt, ip, userAgent, current}]}: live sessions. */
  public static final String IDENTITY_SESSIONS = "identity.sessions";
  /** {accountId, sessionId, targetSessionId} -> {}, or not-found when the target is not the caller's. */
  public static final String IDENTITY_SESSION_REVOKE = "identity.session.revoke";
  /** {accountId, sessionId} -> {}: ends every other session of the caller. */
  public static final String IDENTITY_SESSIONS_REVOKE_OTHERS = "identity.sessions.revoke-others";
  /** {actorAccountId, accountId} -> {}: an administrator ends every session of an account. */
  public static final String IDENTITY_ADMIN_REVOKE_SESSIONS = "identity.admin.revoke-sessions";
  /** {actorAccountId, accountId} -> {}: disables the account and ends all its sessions. */
  public static final String IDENTITY_ADMIN_DISABLE = "identity.admin.disable";
  /** {actorAccountId, accountId} -> {}: enables a disabled account. */
  public static final String IDENTITY_ADMIN_ENABLE = "identity.admin.enable";

  // --- second factor (issue 4). Bodies from HTTP use the JSON member names of the API (snake_case). ---

  /** {challenge_id, code, device_token?} -> the same tokens as a password login without a second factor. */
  public static final String IDENTITY_MFA_VERIFY = "identity.mfa.verify";
  /** {challenge_id} -> {challenge_id, channel, expires_in, resends_left}: sends the code again (e-mail and SMS). */
  public static final String IDENTITY_MFA_RESEND = "identity.mfa.resend";
  /** {accountId} -> {method, email_verified, phone_verified, phone (masked), recovery_codes_left}. */
  public static final String IDENTITY_MFA_STATUS = "identity.mfa.status";
  /** {accountId} -> {challenge_id, channel, expires_in}: a code for the current method, to prove it before a change. */
  public static final String IDENTITY_MFA_STEP_UP = "identity.mfa.step-up";
  /** {accountId} -> {secret, otpauth_uri, qr_png}: a pending authenticator secret, not active until confirmed. */
  public static final String IDENTITY_TOTP_ENROL = "identity.totp.enrol";
  /** {accountId, code} -> {recovery_codes: [10]}: turns the pending authenticator on. */
  public static final String IDENTITY_TOTP_CONFIRM = "identity.totp.confirm";
  /** {accountId, method, password? | code?, challenge_id?} -> {method}: changes the method after a fresh proof. */
  public static final String IDENTITY_MFA_METHOD = "identity.mfa.method";
  /** {accountId, phone} -> {challenge_id, channel, expires_in}: sends a code to a new phone number. */
  public static final String IDENTITY_PHONE_SET = "identity.phone.set";
  /** {accountId, challenge_id, code} -> {}: the phone number is now verified. */
  public static final String IDENTITY_PHONE_VERIFY = "identity.phone.verify";

  // --- e-mail verification and passwords (issue 4) ---

  /** {token} -> {}: marks the e-mail of the token's account verified. */
  public static final String IDENTITY_EMAIL_VERIFY = "identity.email.verify";
  /** {accountId} -> {}: sends a new verification link. */
  public static final String IDENTITY_EMAIL_VERIFICATION_SEND = "identity.email.verification-send";
  /**
   * {identifier, channel?} -> {status: "accepted"}, with channel sms also {challenge_id} (a handle the
   * reset step uses): always the same answer whether or not the account exists.
   */
  public static final String IDENTITY_PASSWORD_FORGOT = "identity.password.forgot";
  /** {token | challenge_id + code, new_password, second_factor?} -> {}. */
  public static final String IDENTITY_PASSWORD_RESET = "identity.password.reset";
  /** {accountId, sessionId, current_password, new_password, log_out_others?} -> {}. */
  public static final String IDENTITY_PASSWORD_CHANGE = "identity.password.change";

  /**
   * {to?, limit?} -> {items: [{messageId, channel, to, template, locale, subject, body, createdAt}]} newest
   * first: the development outbox, answered only in no-setup mode by the notification consumer.
   */
  public static final String NOTIFICATION_DEV_OUTBOX = "notification.dev-outbox";

  /** Prefix of per-component health addresses: "health." + component name; replies {ok, checks: {name: "ok" or a short failure}}. */
  public static final String HEALTH_PREFIX = "health.";

  /** {accountId} -> {failuresInWindow, lockedUntil (ISO-8601 or null), permanent, locksIn24h}. */
  public static final String IDENTITY_ADMIN_LOCKOUT = "identity.admin.lockout";
  /** {actorAccountId, accountId} -> {}: records an unlock request that the lockout consumer applies. */
  public static final String IDENTITY_ADMIN_UNLOCK = "identity.admin.unlock";

  private Addresses() {
  }

  public static String health(String component) {
    return HEALTH_PREFIX + component;
  }
}
