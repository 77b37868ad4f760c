package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReceivedEventCounterTest {

  /** Only the type matters to the counter; the rest is the least a security event needs. */
  private static JsonObject validEvent() {
    return new JsonObject().put("eventId", "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6").put("type", "login.failed")
        .put("occurredAt", "2026-03-01T08:15:30.123Z").put("subjectKey", "hash-of-identifier");
  }

  private static SourcedEvent<SecurityEvent> sourced(JsonObject json) {
    return new SourcedEvent<>(SecurityEvent.fromJson(json), Topics.LOGIN_EVENTS, 0, 0L);
  }

  @Test
  @DisplayName("events are counted by type, and unknown types share one 'other' label so the metric stays bounded")
  void countsByBoundedType() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReceivedEventCounter counter = new ReceivedEventCounter(registry);
    counter.countAll(List.of(sourced(validEvent()), sourced(validEvent()),
        sourced(validEvent().put("type", "made.up.1")), sourced(validEvent().put("type", "made.up.2"))));

    assertEquals(2.0, registry.counter(ReceivedEventCounter.METRIC, "type", "login.failed").count());
    assertEquals(2.0, registry.counter(ReceivedEventCounter.METRIC, "type", "other").count());
    assertEquals(2, registry.find(ReceivedEventCounter.METRIC).counters().size());
  }
}
