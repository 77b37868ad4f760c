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
        Duration.ofMillis(200), Duration.ofMillis(30_000))), LockoutConfig.fromEnv(Map.of()));
  }

  @Test
  @DisplayName("every variable overrides its default, and a bad value fails naming the variable")
  void overridesAndRefusals() {
    assertEquals(new LockoutConfig(new ConsumerSettings("lockout-b", Duration.ofMillis(50), 10, Duration.ofMillis(5),
            Duration.ofMillis(80))),
        LockoutConfig.fromEnv(Map.of("LOCKOUT_GROUP_ID", "lockout-b", "LOCKOUT_POLL_TIMEOUT_MS", "50",
            "LOCKOUT_MAX_POLL_RECORDS", "10", "LOCKOUT_RETRY_INITIAL_BACKOFF_MS", "5",
            "LOCKOUT_RETRY_MAX_BACKOFF_MS", "80")));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> LockoutConfig.fromEnv(Map.of("LOCKOUT_MAX_POLL_RECORDS", "-1")));
    assertTrue(bad.getMessage().contains("LOCKOUT_MAX_POLL_RECORDS"), bad.getMessage());
  }
}
