package dev.portal.login.identity;

import dev.portal.login.contracts.Notification;

/**
 * Masks e-mail addresses and phone numbers for audit rows, logs and replies: enough for the owner to
 * recognise ("b***@example.id", "+62*******4567"), too little to contact them.
 */
final class Destinations {
  private Destinations() {
  }

  static String mask(String channel, String destination) {
    if (destination == null) {
      return null;
    }
    return Notification.SMS.equals(channel) ? maskPhone(destination) : maskEmail(destination);
  }

  static String maskEmail(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return new String(Character.toChars(email.codePointAt(0))) + "***" + email.substring(at);
  }

  static String maskPhone(String phone) {
    int keep = Math.min(4, Math.max(0, phone.length() - 4));
    String prefix = phone.startsWith("+") && phone.length() > 7 ? phone.substring(0, 3) : "";
    return prefix + "*".repeat(Math.max(0, phone.length() - prefix.length() - keep))
        + phone.substring(phone.length() - keep);
  }
}
