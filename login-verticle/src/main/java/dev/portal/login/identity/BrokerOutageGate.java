package dev.portal.login.identity;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Remembers that Kafka just failed to acknowledge a publish for want of a reachable broker, so the
 * publishes that follow are refused at once (503 unavailable) for a cool-down instead of each waiting
 * out its own publish timeout. After the cool-down one publish at a time goes through as a probe; its
 * acknowledgement opens the gate again, its failure starts another cool-down. Nothing is ever granted
 * here: a refused publish fails exactly as a timed-out one does, only sooner.
 *
 * <p>Monotonic time (not the verticle's clock, which tests may hold still) and synchronized: publishes
 * complete on the producer's context, not necessarily the caller's.
 */
final class BrokerOutageGate {
  /** What a publish may do now. */
  enum Admission {
    /** Kafka is believed reachable: send. */
    SEND,
    /** The cool-down is over: this publish finds out whether Kafka is back. */
    PROBE,
    /** Kafka was unreachable moments ago, or a probe is in flight: fail at once. */
    REFUSE
  }

  private final long coolDownNanos;
  private final LongSupplier nanoTime;
  /** When the current cool-down ends (System.nanoTime scale); meaningful only while {@link #open} is false. */
  private long coolDownEnds;
  private boolean open = true;
  private boolean probing;

  /** @param coolDown how long publishes are refused after one failed for an unreachable broker; zero turns refusal off */
  BrokerOutageGate(Duration coolDown) {
    this(coolDown, System::nanoTime);
  }

  BrokerOutageGate(Duration coolDown, LongSupplier nanoTime) {
    this.coolDownNanos = coolDown.toNanos();
    this.nanoTime = nanoTime;
  }

  synchronized Admission admit() {
    if (open || coolDownNanos == 0) {
      return Admission.SEND;
    }
    if (probing || nanoTime.getAsLong() - coolDownEnds < 0) {
      return Admission.REFUSE;
    }
    probing = true;
    return Admission.PROBE;
  }

  /**
   * Kafka acknowledged a publish (a probe, or one sent before the gate closed): it is reachable.
   *
   * @return whether this reopened a closed gate
   */
  synchronized boolean acknowledged(Admission admission) {
    if (admission == Admission.PROBE) {
      probing = false;
    }
    boolean wasClosed = !open;
    open = true;
    return wasClosed;
  }

  /**
   * A publish failed. Only a failure that says no broker answered in time closes the gate; one about
   * the record itself (too large, say) leaves it as it was, or a single odd record would refuse everyone.
   *
   * @return whether this failure closed a gate that was open (later failures only extend the cool-down)
   */
  synchronized boolean failed(Admission admission, Throwable failure) {
    if (admission == Admission.PROBE) {
      probing = false;
    }
    if (coolDownNanos == 0 || !brokerUnreachable(failure)) {
      return false;
    }
    boolean wasOpen = open;
    open = false;
    coolDownEnds = nanoTime.getAsLong() + coolDownNanos;
    return wasOpen;
  }

  /**
   * Whether a publish asked for now would be refused, without taking the probe's place: a login asks
   * before it spends a password hash on a request whose event could not be recorded anyway.
   */
  synchronized boolean refusing() {
    return !open && coolDownNanos != 0 && (probing || nanoTime.getAsLong() - coolDownEnds < 0);
  }

  synchronized boolean isOpen() {
    return open;
  }

  /** Timeouts (ours or the producer's) and Kafka's retriable errors (network, leader moved, not enough replicas). */
  static boolean brokerUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TimeoutException || cause instanceof RetriableException) {
        return true;
      }
    }
    return false;
  }
}
