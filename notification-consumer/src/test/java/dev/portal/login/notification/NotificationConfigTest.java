package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.ConsumerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

  @Test
  @DisplayName("with no environment the documented defaults apply")
  void defaults() {
    assertEquals(new NotificationConfig(new ConsumerSettings("notification-consumer", Duration.ofMillis(250), 500,
        Duration.ofMillis(200), Duration.ofMillis(30_000)), 1000), NotificationConfig.fromEnv(Map.of()));
  }

  @Test
  @DisplayName("every variable overrides its default, and a bad value fails naming the variable")
  void overridesAndRefusals() {
    assertEquals(new NotificationConfig(new ConsumerSettings("notification-b", Duration.ofMillis(50), 10,
            Duration.ofMillis(5), Duration.ofMillis(80)), 3),
        NotificationConfig.fromEnv(Map.of("NOTIFICATION_GROUP_ID", "notification-b", "NOTIFICATION_POLL_TIMEOUT_MS", "50",
            "NOTIFICATION_MAX_POLL_RECORDS", "10", "NOTIFICATION_RETRY_INITIAL_BACKOFF_MS", "5",
            "NOTIFICATION_RETRY_MAX_BACKOFF_MS", "80", "NOTIFICATION_DEV_OUTBOX_SIZE", "3")));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> NotificationConfig.fromEnv(Map.of("NOTIFICATION_MAX_POLL_RECORDS", "-1")));
    assertTrue(bad.getMessage().contains("NOTIFICATION_MAX_POLL_RECORDS"), bad.getMessage());
  }
}
