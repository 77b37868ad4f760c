package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

  @Test
  @DisplayName("with no environment the documented defaults apply")
  void defaults() {
    assertEquals(new NotificationConfig("notification-consumer", Duration.ofMillis(250), 500, Duration.ofMillis(200),
        Duration.ofMillis(30_000)), NotificationConfig.fromEnv(Map.of()));
  }

  @Test
  @DisplayName("every variable overrides its default, and a bad value fails naming the variable")
  void overridesAndRefusals() {
    assertEquals(new NotificationConfig("notification-b", Duration.ofMillis(50), 10, Duration.ofMillis(5), Duration.ofMillis(80)),
        NotificationConfig.fromEnv(Map.of("NOTIFICATION_GROUP_ID", "notification-b", "NOTIFICATION_POLL_TIMEOUT_MS", "50",
            "NOTIFICATION_MAX_POLL_RECORDS", "10", "NOTIFICATION_RETRY_INITIAL_BACKOFF_MS", "5",
            "NOTIFICATION_RETRY_MAX_BACKOFF_MS", "80")));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> NotificationConfig.fromEnv(Map.of("NOTIFICATION_MAX_POLL_RECORDS", "-1")));
    assertTrue(bad.getMessage().contains("NOTIFICATION_MAX_POLL_RECORDS"), bad.getMessage());
  }

  @Test
  @DisplayName("the consumer commits by hand in its own group, from the earliest record")
  void consumerProperties() {
    Map<String, String> properties = NotificationConfig.fromEnv(Map.of()).consumerProperties("k:9092");
    assertEquals("notification-consumer", properties.get("group.id"));
    assertEquals("false", properties.get("enable.auto.commit"));
    assertEquals("earliest", properties.get("auto.offset.reset"));
    assertEquals("500", properties.get("max.poll.records"));
  }

  @Test
  @DisplayName("the retry wait doubles from the initial delay up to the cap")
  void backoffSchedule() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L),
        IntStream.rangeClosed(1, 10).mapToObj(n -> backoff.delayBefore(n).toMillis()).toList());
    assertEquals(Duration.ofSeconds(30), backoff.delayBefore(Integer.MAX_VALUE));
  }
}
