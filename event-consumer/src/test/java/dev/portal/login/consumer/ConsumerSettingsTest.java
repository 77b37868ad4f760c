package dev.portal.login.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
  private final ConsumerSettings defaults = ConsumerSettings.fromEnv(Map.of(), "LOCKOUT_", "lockout-consumer");

  @Test
  @DisplayName("the consumer commits by hand in its own group, starts from the earliest record and bounds its batches")
  void consumerProperties() {
    Map<String, String> properties = defaults.consumerProperties("127.0.0.1:19092");
    assertEquals("127.0.0.1:19092", properties.get("bootstrap.servers"));
    assertEquals("lockout-consumer", properties.get("group.id"));
    assertEquals("false", properties.get("enable.auto.commit"));
    assertEquals("earliest", properties.get("auto.offset.reset"));
    assertEquals("500", properties.get("max.poll.records"));
  }

  @Test
  @DisplayName("the dead-letter producer waits for every replica and never duplicates on retry")
  void producerProperties() {
    Map<String, String> properties = defaults.deadLetterProducerProperties("k:9092");
    assertEquals("all", properties.get("acks"));
    assertEquals("true", properties.get("enable.idempotence"));
  }

  @Test
  @DisplayName("the back-off runs from the initial retry wait to the maximum one")
  void backoffFollowsTheSettings() {
    RetryBackoff backoff = ConsumerSettings.fromEnv(Map.of("X_RETRY_INITIAL_BACKOFF_MS", "5",
        "X_RETRY_MAX_BACKOFF_MS", "80"), "X_", "x").backoff();
    assertEquals(new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(80)), backoff);
  }
}
