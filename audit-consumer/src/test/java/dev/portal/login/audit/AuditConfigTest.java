package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.ConsumerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditConfigTest {

  @Test
  @DisplayName("with no environment the documented defaults apply")
  void defaults() {
    assertEquals(new AuditConfig(new ConsumerSettings("audit-consumer", Duration.ofMillis(250), 2000,
            Duration.ofMillis(200), Duration.ofMillis(30_000), Duration.ofMillis(500),
            new ConsumerSettings.Fetch(65_536, Duration.ofMillis(100))), 4, Duration.ofMillis(800)),
        AuditConfig.fromEnv(Map.of()));
  }

  @Test
  @DisplayName("every variable overrides its default")
  void overrides() {
    AuditConfig config = AuditConfig.fromEnv(Map.of(
        "AUDIT_GROUP_ID", "audit-b",
        "AUDIT_POLL_TIMEOUT_MS", "100",
        "AUDIT_MAX_POLL_RECORDS", "50",
        "AUDIT_PG_POOL_SIZE", "2",
        "AUDIT_RETRY_INITIAL_BACKOFF_MS", "10",
        "AUDIT_RETRY_MAX_BACKOFF_MS", "1000",
        "AUDIT_HEALTH_PROBE_TIMEOUT_MS", "300",
        "AUDIT_COMMIT_INTERVAL_MS", "0",
        "AUDIT_FETCH_MIN_BYTES", "1",
        "AUDIT_FETCH_MAX_WAIT_MS", "20"));
    assertEquals(new AuditConfig(new ConsumerSettings("audit-b", Duration.ofMillis(100), 50, Duration.ofMillis(10),
        Duration.ofMillis(1000), Duration.ZERO, new ConsumerSettings.Fetch(1, Duration.ofMillis(20))), 2,
        Duration.ofMillis(300)), config);
  }

  @Test
  @DisplayName("a value that is not a positive whole number fails start-up naming the variable")
  void refusesBadNumbers() {
    IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
        () -> AuditConfig.fromEnv(Map.of("AUDIT_MAX_POLL_RECORDS", "lots")));
    assertTrue(notANumber.getMessage().contains("AUDIT_MAX_POLL_RECORDS"), notANumber.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> AuditConfig.fromEnv(Map.of("AUDIT_POLL_TIMEOUT_MS", "0")));
    assertTrue(zero.getMessage().contains("AUDIT_POLL_TIMEOUT_MS"), zero.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AuditConfig.fromEnv(Map.of("AUDIT_RETRY_MAX_BACKOFF_MS", "50")));
  }
}
