package dev.portal.login.lockout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The lockout consumer's own meters; every label comes from a fixed set. */
final class LockoutMeters {
  static final String LOCKS = "auth.lockout.locks";
  static final String ACTIVE_LOCKS = "auth.lockout.active.locks";
  static final String IP_THROTTLED = "auth.ip.throttled";

  private final Counter temporaryLocks;
  private final Counter permanentLocks;
  private final Counter ipThrottled;
  private final AtomicLong activeLocks = new AtomicLong();

  LockoutMeters(MeterRegistry registry) {
    temporaryLocks = Counter.builder(LOCKS).tag("kind", "temporary")
        .description("Locks applied by the lockout consumer, by kind").register(registry);
    permanentLocks = Counter.builder(LOCKS).tag("kind", "permanent")
        .description("Locks applied by the lockout consumer, by kind").register(registry);
    ipThrottled = Counter.builder(IP_THROTTLED)
        .description("Times an IP network was throttled for too many failed logins").register(registry);
    Gauge.builder(ACTIVE_LOCKS, activeLocks, AtomicLong::get)
        .description("Subjects (accounts, devices, unknown identifiers) locked now").register(registry);
  }

  void locked(boolean permanent) {
    (permanent ? permanentLocks : temporaryLocks).increment();
  }

  void ipThrottled() {
    ipThrottled.increment();
  }

  void activeLocks(long count) {
    activeLocks.set(count);
  }
}
