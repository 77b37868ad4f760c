package dev.portal.login.lockout;

import dev.portal.login.consumer.EnvNumbers;
import java.time.Duration;
import java.util.Map;

/**
 * The numbers of the brute-force policy, modelled on Keycloak's detector (failure factor, wait
 * increment, max wait, failure reset time, permanent lockout) plus a per-IP throttle.
 *
 * <table>
 *   <caption>Environment variables (the login path reads the same names)</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>LOCKOUT_FAILURE_FACTOR</td><td>5</td><td>failed logins within the window that lock a subject</td></tr>
 *   <tr><td>LOCKOUT_FAILURE_WINDOW_SECONDS</td><td>900</td><td>how far back failures count</td></tr>
 *   <tr><td>LOCKOUT_WAIT_SECONDS</td><td>900</td><td>length of the first temporary lock; each further lock
 *       within the lock history doubles it</td></tr>
 *   <tr><td>LOCKOUT_MAX_WAIT_SECONDS</td><td>86400</td><td>cap of a temporary lock</td></tr>
 *   <tr><td>LOCKOUT_PERMANENT_AFTER_LOCKS</td><td>3</td><td>the lock with this number within the lock history is
 *       permanent (lifted by an administrator or a password reset)</td></tr>
 *   <tr><td>LOCKOUT_LOCK_HISTORY_SECONDS</td><td>86400</td><td>how far back earlier locks count; also how much of
 *       Kafka a rebuild replays</td></tr>
 *   <tr><td>IP_THROTTLE_FAILURES</td><td>30</td><td>failed logins from one network (IPv4 address, IPv6 /64),
 *       any accounts, that throttle it</td></tr>
 *   <tr><td>IP_THROTTLE_WINDOW_SECONDS</td><td>300</td><td>how far back those failures count</td></tr>
 *   <tr><td>IP_THROTTLE_SECONDS</td><td>900</td><td>how long a network stays throttled (429)</td></tr>
 * </table>
 */
public record LockoutRules(
    int failureFactor,
    Duration failureWindow,
    Duration firstWait,
    Duration maxWait,
    int permanentAfterLocks,
    Duration lockHistory,
    int ipThrottleFailures,
    Duration ipThrottleWindow,
    Duration ipThrottle) {

  public LockoutRules {
    if (maxWait.compareTo(firstWait) < 0) {
      throw new IllegalArgumentException("LOCKOUT_MAX_WAIT_SECONDS must be at least LOCKOUT_WAIT_SECONDS");
    }
  }

  public static LockoutRules fromEnv(Map<String, String> env) {
    return new LockoutRules(
        EnvNumbers.positiveCount(env, "LOCKOUT_FAILURE_FACTOR", 5),
        seconds(env, "LOCKOUT_FAILURE_WINDOW_SECONDS", 900),
        seconds(env, "LOCKOUT_WAIT_SECONDS", 900),
        seconds(env, "LOCKOUT_MAX_WAIT_SECONDS", 86_400),
        EnvNumbers.positiveCount(env, "LOCKOUT_PERMANENT_AFTER_LOCKS", 3),
        seconds(env, "LOCKOUT_LOCK_HISTORY_SECONDS", 86_400),
        EnvNumbers.positiveCount(env, "IP_THROTTLE_FAILURES", 30),
        seconds(env, "IP_THROTTLE_WINDOW_SECONDS", 300),
        seconds(env, "IP_THROTTLE_SECONDS", 900));
  }

  /** How long what happened to a subject matters: older events change nothing. */
  public Duration retention() {
    return failureWindow.compareTo(lockHistory) > 0 ? failureWindow : lockHistory;
  }

  private static Duration seconds(Map<String, String> env, String name, int defaultSeconds) {
    return Duration.ofSeconds(EnvNumbers.positiveCount(env, name, defaultSeconds));
  }
}
