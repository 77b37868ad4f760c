package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.SecurityEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReceivedEventCounterTest {

  @Test
  @DisplayName("events are counted by type, and unknown types share one 'other' label so the metric stays bounded")
  void countsByBoundedType() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReceivedEventCounter counter = new ReceivedEventCounter(registry);
    counter.count(SecurityEvent.fromJson(LockoutRecordReaderTest.validEvent()));
    counter.count(SecurityEvent.fromJson(LockoutRecordReaderTest.validEvent()));
    counter.count(SecurityEvent.fromJson(LockoutRecordReaderTest.validEvent().put("type", "made.up.1")));
    counter.count(SecurityEvent.fromJson(LockoutRecordReaderTest.validEvent().put("type", "made.up.2")));

    assertEquals(2.0, registry.counter(ReceivedEventCounter.METRIC, "type", "login.failed").count());
    assertEquals(2.0, registry.counter(ReceivedEventCounter.METRIC, "type", "other").count());
    assertEquals(2, registry.find(ReceivedEventCounter.METRIC).counters().size());
  }
}
