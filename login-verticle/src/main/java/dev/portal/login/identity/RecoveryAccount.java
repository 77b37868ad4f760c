package dev.portal.login.identity;

import java.util.UUID;

/**
 * What verification, reset and change need to know of an account; never leaves the login verticle.
 *
 * @param phone null when none
 * @param mfaMethod none, email, sms or totp
 */
record RecoveryAccount(UUID id, String username, String email, boolean emailVerified, String phone,
    boolean phoneVerified, String mfaMethod, String locale, String passwordHash, String status) {
  static final String TOTP = "totp";

  boolean active() {
    return AccountCredentials.ACTIVE.equals(status);
  }

  boolean usesAuthenticator() {
    return TOTP.equals(mfaMethod);
  }

  @Override
  public String toString() {
    return "RecoveryAccount[id=" + id + ", status=" + status + "]";
  }
}
