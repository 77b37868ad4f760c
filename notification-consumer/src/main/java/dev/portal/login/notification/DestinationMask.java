package dev.portal.login.notification;

import dev.portal.login.contracts.Notification;

/**
 * Masks an e-mail address or phone number for log lines, as the login path does for its audit rows:
 * enough for an operator to tell messages apart ("b***@example.id", "+62*******4567"), too little to reach anyone.
 */
final class DestinationMask {
  private DestinationMask() {
  }

  static String mask(String channel, String destination) {
    if (destination == null) {
      return "-";
    }
    return Notification.SMS.equals(channel) ? phone(destination) : email(destination);
  }

  private static String email(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return new String(Character.toChars(email.codePointAt(0))) + "***" + email.substring(at);
  }

  private static String phone(String phone) {
    int keep = Math.min(4, Math.max(0, phone.length() - 4));
    String prefix = phone.startsWith("+") && phone.length() > 7 ? phone.substring(0, 3) : "";
    return prefix + "*".repeat(Math.max(0, phone.length() - prefix.length() - keep))
        + phone.substring(phone.length() - keep);
  }
}
