package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.ConsumerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LockoutConfigTest {

  @Test
  @DisplayName("with no environment the documented defaults apply")
  void defaults() {
    assertEquals(new LockoutConfig(new ConsumerSettings("lockout-consumer", Duration.ofMillis(250), 500,
            Duration.ofMillis(200), Duration.ofMillis(30_000)),
        new LockoutRules(5, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(24), 3,
            Duration.ofHours(24), 30, Duration.ofMinutes(5), Duration.ofMinutes(15)),
        Duration.ofSeconds(5), 8, 4096), LockoutConfig.fromEnv(Map.of()));
  }

  @Test
  @DisplayName("every variable overrides its default, and a bad value fails naming the variable")
  void overridesAndRefusals() {
    LockoutConfig config = LockoutConfig.fromEnv(Map.ofEntries(Map.entry("LOCKOUT_GROUP_ID", "lockout-b"),
        Map.entry("LOCKOUT_POLL_TIMEOUT_MS", "50"), Map.entry("LOCKOUT_MAX_POLL_RECORDS", "10"),
        Map.entry("LOCKOUT_RETRY_INITIAL_BACKOFF_MS", "5"), Map.entry("LOCKOUT_RETRY_MAX_BACKOFF_MS", "80"),
        Map.entry("LOCKOUT_FAILURE_FACTOR", "3"), Map.entry("LOCKOUT_FAILURE_WINDOW_SECONDS", "60"),
        Map.entry("LOCKOUT_WAIT_SECONDS", "30"), Map.entry("LOCKOUT_MAX_WAIT_SECONDS", "120"),
        Map.entry("LOCKOUT_PERMANENT_AFTER_LOCKS", "4"), Map.entry("LOCKOUT_LOCK_HISTORY_SECONDS", "3600"),
        Map.entry("IP_THROTTLE_FAILURES", "7"), Map.entry("IP_THROTTLE_WINDOW_SECONDS", "20"),
        Map.entry("IP_THROTTLE_SECONDS", "40"), Map.entry("LOCKOUT_PUBLISH_TIMEOUT_MS", "900"),
        Map.entry("LOCKOUT_REDIS_POOL_SIZE", "3"), Map.entry("LOCKOUT_REDIS_POOL_WAITING", "77")));
    assertEquals(new LockoutConfig(new ConsumerSettings("lockout-b", Duration.ofMillis(50), 10, Duration.ofMillis(5),
            Duration.ofMillis(80)),
        new LockoutRules(3, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(120), 4,
            Duration.ofHours(1), 7, Duration.ofSeconds(20), Duration.ofSeconds(40)),
        Duration.ofMillis(900), 3, 77), config);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> LockoutConfig.fromEnv(Map.of("LOCKOUT_MAX_POLL_RECORDS", "-1")));
    assertTrue(bad.getMessage().contains("LOCKOUT_MAX_POLL_RECORDS"), bad.getMessage());
    IllegalArgumentException factor = assertThrows(IllegalArgumentException.class,
        () -> LockoutConfig.fromEnv(Map.of("LOCKOUT_FAILURE_FACTOR", "0")));
    assertTrue(factor.getMessage().contains("LOCKOUT_FAILURE_FACTOR"), factor.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LockoutConfig.fromEnv(Map.of("LOCKOUT_WAIT_SECONDS", "100", "LOCKOUT_MAX_WAIT_SECONDS", "50")));
  }
}
