package dev.portal.login.lockout;

import dev.portal.login.contracts.SecurityEvent;

/**
 * Whose budget an event counts against: the account (all its identifiers share one), the device
 * token it came with (so an attacker elsewhere cannot lock the owner's known device), or the HMAC
 * of an identifier that matched no account (locked exactly like a real one).
 */
final class LockSubject {
  static final String DEVICE_ID = "deviceId";

  private LockSubject() {
  }

  static String of(SecurityEvent event) {
    String deviceId = event.details().getString(DEVICE_ID);
    if (deviceId != null && event.accountId() != null) {
      return event.accountId() + ":device:" + deviceId;
    }
    return event.subjectKey();
  }
}
