package dev.portal.login.identity;

import static dev.portal.login.identity.BrokerOutageGate.Admission.PROBE;
import static dev.portal.login.identity.BrokerOutageGate.Admission.REFUSE;
import static dev.portal.login.identity.BrokerOutageGate.Admission.SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BrokerOutageGateTest {
  private static final Duration COOL_DOWN = Duration.ofSeconds(2);

  private final AtomicLong now = new AtomicLong(1_000_000L);
  private final BrokerOutageGate gate = new BrokerOutageGate(COOL_DOWN, now::get);

  @Test
  @DisplayName("after a publish timed out the next ones are refused until the cool-down ends, then one probe goes through at a time")
  void refusesDuringTheCoolDownThenProbesOneAtATime() {
    assertEquals(SEND, gate.admit());
    assertTrue(gate.failed(SEND, new TimeoutException("Expiring 1 record(s)")), "the first failure closes the gate");
    assertEquals(REFUSE, gate.admit());
    advance(COOL_DOWN.minusMillis(1));
    assertEquals(REFUSE, gate.admit());

    advance(Duration.ofMillis(1));
    assertEquals(PROBE, gate.admit());
    assertEquals(REFUSE, gate.admit(), "only one probe is in flight");
    assertFalse(gate.failed(PROBE, new java.util.concurrent.TimeoutException("backstop")), "already closed");
    assertEquals(REFUSE, gate.admit(), "a failed probe starts another cool-down");

    advance(COOL_DOWN);
    assertEquals(PROBE, gate.admit());
    assertTrue(gate.acknowledged(PROBE), "an acknowledged probe reopens the gate");
    assertEquals(SEND, gate.admit());
    assertEquals(SEND, gate.admit());
  }

  @Test
  @DisplayName("asking whether a publish would be refused never takes the probe's place")
  void refusingAsksWithoutProbing() {
    assertFalse(gate.refusing(), "open");
    gate.failed(SEND, new TimeoutException("Expiring 1 record(s)"));
    assertTrue(gate.refusing(), "in the cool-down");
    advance(COOL_DOWN);
    assertFalse(gate.refusing(), "the cool-down is over: the caller may go on and its publish probes");
    assertFalse(gate.refusing(), "asking twice changes nothing");
    assertEquals(PROBE, gate.admit(), "the probe is still there to take");
    assertTrue(gate.refusing(), "while the probe is in flight");
  }

  @Test
  @DisplayName("an acknowledgement of a publish sent before the outage was noticed also reopens the gate")
  void anyAcknowledgementReopens() {
    gate.failed(SEND, new NotEnoughReplicasException("one replica"));
    assertFalse(gate.isOpen());
    assertTrue(gate.acknowledged(SEND));
    assertEquals(SEND, gate.admit());
  }

  @Test
  @DisplayName("a failure about the record itself, not the broker, refuses nobody else")
  void recordFailuresLeaveTheGateOpen() {
    assertFalse(gate.failed(SEND, new RecordTooLargeException("too big")));
    assertFalse(gate.failed(SEND, new IllegalStateException("wrapped", new RecordTooLargeException("too big"))));
    assertEquals(SEND, gate.admit());
    assertTrue(BrokerOutageGate.brokerUnreachable(new RuntimeException(new TimeoutException("metadata"))),
        "a wrapped timeout counts");
  }

  @Test
  @DisplayName("a cool-down of zero turns refusing off: every publish is sent and waits out its own timeout")
  void zeroTurnsItOff() {
    BrokerOutageGate off = new BrokerOutageGate(Duration.ZERO, now::get);
    assertFalse(off.failed(SEND, new TimeoutException("down")));
    assertEquals(SEND, off.admit());
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }
}
