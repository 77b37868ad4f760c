package dev.portal.login.notification;

import java.util.UUID;

/** Where and in which language an account can be reached: one row of identity.notification_contact. */
record Contact(UUID accountId, String email, boolean emailVerified, String phone, boolean phoneVerified,
    String locale) {

  /** Never shows the address or number. */
  @Override
  public String toString() {
    return "Contact[" + accountId + ", emailVerified=" + emailVerified + ", phoneVerified=" + phoneVerified
        + ", locale=" + locale + "]";
  }
}
