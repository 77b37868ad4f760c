package dev.portal.login.gateway;

/** Whether the session behind an access token may still be used, as the session check found it. */
enum SessionState {
  LIVE("live"),
  IDLE_EXPIRED("idle-expired"),
  ABSOLUTE_EXPIRED("absolute-expired"),
  /** Ended before its time: signed out, revoked, the account disabled, a refresh token reused. */
  ENDED("ended"),
  /** Never existed here, belongs to another account, or long gone. */
  UNKNOWN("unknown");

  private static final String ENDED_PREFIX = "ended:";

  private final String metricLabel;

  SessionState(String metricLabel) {
    this.metricLabel = metricLabel;
  }

  String metricLabel() {
    return metricLabel;
  }

  /** Reads the check script's answer: a state, or "ended:" and the reason kept in the tombstone. */
  static SessionState fromScript(String answer) {
    if (answer == null) {
      return UNKNOWN;
    }
    return switch (answer) {
      case "live" -> LIVE;
      case "idle-expired", "ended:idle-expired" -> IDLE_EXPIRED;
      case "absolute-expired", "ended:absolute-expired" -> ABSOLUTE_EXPIRED;
      default -> answer.startsWith(ENDED_PREFIX) ? ENDED : UNKNOWN;
    };
  }
}
