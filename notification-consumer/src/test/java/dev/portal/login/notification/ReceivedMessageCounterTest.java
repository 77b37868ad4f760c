package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReceivedMessageCounterTest {

  private static SourcedEvent<JsonObject> message(long offset) {
    JsonObject message = new JsonObject().put("messageId", "0190f1a2-3b4c-7d5e-8f60-71829300000" + offset)
        .put("kind", "otp").put("sealed", "b64-ciphertext");
    return new SourcedEvent<>(message, Topics.NOTIFICATIONS, 0, offset);
  }

  @Test
  @DisplayName("every message of a batch is counted once")
  void countsEachMessageOfABatch() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReceivedMessageCounter counter = new ReceivedMessageCounter(registry);
    counter.countAll(List.of(message(0), message(1)));
    counter.countAll(List.of(message(2)));
    assertEquals(3.0, registry.counter(ReceivedMessageCounter.METRIC).count());
  }
}
