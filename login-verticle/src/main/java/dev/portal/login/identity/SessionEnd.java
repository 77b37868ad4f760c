package dev.portal.login.identity;

import java.util.Arrays;

/**
 * Why a session ended, as kept in its tombstone and given as the reason of {@code session.revoked}.
 * The gateway reads the same words from the tombstone: the two expiries answer session-expired.
 */
enum SessionEnd {
  /** The person signed out. */
  LOGOUT("logout"),
  /** The person ended this session from another one. */
  USER("user"),
  /** The person ended every session but the current one. */
  OTHERS("others"),
  /** An administrator ended every session of the account. */
  ADMIN("admin"),
  /** The account was disabled. */
  DISABLED("disabled"),
  /** A spent refresh token was presented: the session is presumed stolen. */
  REUSED("reused"),
  /** The password was reset (forgotten, or taken over): every session of the account ends. */
  PASSWORD_RESET("password-reset"),
  IDLE_EXPIRED("idle-expired"),
  ABSOLUTE_EXPIRED("absolute-expired");

  private final String wireName;

  SessionEnd(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  boolean isExpiry() {
    return this == IDLE_EXPIRED || this == ABSOLUTE_EXPIRED;
  }

  /** The reason named in a tombstone; null for a word this version does not know. */
  static SessionEnd fromWireName(String name) {
    return Arrays.stream(values()).filter(end -> end.wireName.equals(name)).findFirst().orElse(null);
  }
}
