package dev.portal.login.contracts;

/** The {@code outcome} and {@code reason} values of {@link SecurityEvent}. */
public final class Outcomes {
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String REJECTED = "rejected";

  public static final String REASON_BAD_CREDENTIALS = "bad_credentials";
  public static final String REASON_LOCKED = "locked";
  public static final String REASON_THROTTLED = "throttled";
  public static final String REASON_ACCOUNT_DISABLED = "account_disabled";

  /** A wrong one-time code (e-mail, SMS, authenticator or recovery): counted by lockout like a bad password. */
  public static final String REASON_BAD_CODE = "bad_code";
  public static final String REASON_MFA_REQUIRED = "mfa_required";
  public static final String REASON_UNKNOWN_IDENTIFIER = "unknown_identifier";
  public static final String REASON_UNVERIFIED = "unverified";

  private Outcomes() {
  }
}
