package dev.portal.login.app.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves forward by hand, so idle and absolute expiry or key rotation happen at once
 * instead of after minutes or days. Real time still passes underneath: the clock runs on from where
 * it was set, so ordering by time (event ids, lastSeenAt) still works between advances.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  /** Moves the clock to {@code target} (forward or back); it runs on from there. */
  public void setTo(Instant target) {
    offset.updateAndGet(current -> current.plus(Duration.between(Instant.now().plus(current), target)));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
