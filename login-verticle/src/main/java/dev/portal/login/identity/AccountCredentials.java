package dev.portal.login.identity;

import java.util.List;
import java.util.UUID;

/**
 * What login needs of an account: never leaves the login verticle.
 *
 * @param mfaMethod none, email, sms or totp
 * @param emailVerified whether the e-mail address was verified (codes and login may require it)
 */
record AccountCredentials(UUID accountId, String passwordHash, List<String> roles, String status, String mfaMethod,
    boolean emailVerified) {
  static final String ACTIVE = "active";
  static final String DISABLED = "disabled";

  /** An account without a second factor and with an unverified e-mail. */
  AccountCredentials(UUID accountId, String passwordHash, List<String> roles, String status) {
    this(accountId, passwordHash, roles, status, SecondFactorStore.NONE, false);
  }

  @Override
  public String toString() {
    return "AccountCredentials[accountId=" + accountId + ", status=" + status + ", mfaMethod=" + mfaMethod + "]";
  }
}
