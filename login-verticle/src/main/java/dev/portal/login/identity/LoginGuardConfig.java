package dev.portal.login.identity;

import java.time.Duration;
import java.util.Map;

/**
 * What the login path needs of the brute-force policy, read once at start-up. The LOCKOUT_* numbers
 * are the ones the lockout consumer reads too, so both sides count the same budget.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>LOCKOUT_FAILURE_FACTOR</td><td>5</td><td>failures within the window that lock; also the most
 *       password checks one subject may have in flight plus failed within the window</td></tr>
 *   <tr><td>LOCKOUT_FAILURE_WINDOW_SECONDS</td><td>900</td><td>how far back failures count</td></tr>
 *   <tr><td>LOCKOUT_WAIT_SECONDS</td><td>900</td><td>first lock length; the Retry-After of a lock the consumer has
 *       not recorded yet</td></tr>
 *   <tr><td>LOCKOUT_LOCK_HISTORY_SECONDS</td><td>86400</td><td>how far back locks count in the admin view</td></tr>
 *   <tr><td>LOGIN_GUARD_INFLIGHT_TTL_SECONDS</td><td>30</td><td>how long an admitted password check holds its
 *       place if its instance dies before it finishes</td></tr>
 *   <tr><td>LOGIN_GUARD_WAIT_STEP_MS</td><td>25</td><td>how often a login waiting for in-flight checks of the same
 *       subject asks again</td></tr>
 *   <tr><td>LOGIN_GUARD_WAIT_LIMIT_MS</td><td>3000</td><td>how long it waits at most; then 503 with
 *       Retry-After</td></tr>
 *   <tr><td>DEVICE_TOKEN_TTL_DAYS</td><td>180</td><td>lifetime of a device token (and its cookie)</td></tr>
 *   <tr><td>LOGIN_GUARD_REDIS_POOL_SIZE</td><td>8</td><td>Redis connections of the guard (its own pool, so a
 *       burst of attacks cannot starve session requests)</td></tr>
 *   <tr><td>LOGIN_GUARD_REDIS_POOL_WAITING</td><td>4096</td><td>guard requests that may wait for a connection;
 *       beyond it a login answers 503</td></tr>
 * </table>
 */
public record LoginGuardConfig(
    int failureFactor,
    Duration failureWindow,
    Duration firstWait,
    Duration lockHistory,
    Duration inflightTtl,
    Duration waitStep,
    Duration waitLimit,
    Duration deviceTokenTtl,
    int redisPoolSize,
    int redisPoolWaiting) {

  public static LoginGuardConfig fromEnv(Map<String, String> env) {
    return new LoginGuardConfig(
        positive(env, "LOCKOUT_FAILURE_FACTOR", 5),
        Duration.ofSeconds(positive(env, "LOCKOUT_FAILURE_WINDOW_SECONDS", 900)),
        Duration.ofSeconds(positive(env, "LOCKOUT_WAIT_SECONDS", 900)),
        Duration.ofSeconds(positive(env, "LOCKOUT_LOCK_HISTORY_SECONDS", 86_400)),
        Duration.ofSeconds(positive(env, "LOGIN_GUARD_INFLIGHT_TTL_SECONDS", 30)),
        Duration.ofMillis(positive(env, "LOGIN_GUARD_WAIT_STEP_MS", 25)),
        Duration.ofMillis(positive(env, "LOGIN_GUARD_WAIT_LIMIT_MS", 3_000)),
        Duration.ofDays(positive(env, "DEVICE_TOKEN_TTL_DAYS", 180)),
        positive(env, "LOGIN_GUARD_REDIS_POOL_SIZE", 8),
        positive(env, "LOGIN_GUARD_REDIS_POOL_WAITING", 4096));
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be a positive integer, was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + raw + "'", e);
    }
  }
}
