package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

  @Test
  @DisplayName("the producer waits for all replicas, is idempotent, and every wait is bounded by the publish timeout")
  void boundsEveryWait() {
    LoginConfig.Publishing settings = new LoginConfig.Publishing(Duration.ofMillis(3000), Duration.ofMillis(5),
        Duration.ofMillis(2000));
    Map<String, String> config = EventPublisher.producerConfig("127.0.0.1:9092", settings);
    assertEquals("all", config.get("acks"));
    assertEquals("true", config.get("enable.idempotence"));
    assertEquals("3000", config.get("max.block.ms"));
    assertEquals("3000", config.get("request.timeout.ms"));
    long delivery = Long.parseLong(config.get("delivery.timeout.ms"));
    // Kafka refuses to start a producer otherwise
    assertTrue(delivery >= Long.parseLong(config.get("linger.ms")) + Long.parseLong(config.get("request.timeout.ms")));
    assertTrue(settings.backstop().toMillis() > delivery);
  }
}
