package dev.portal.login.consumer;

import java.time.Duration;

/**
 * The wait before each retry of a batch that failed: doubling from an initial delay up to a cap,
 * so an outage of what the batch needs is probed often at first and then without hammering it.
 */
public record RetryBackoff(Duration initial, Duration max) {

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delayBefore(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
    // 2^62 ms already exceeds any cap; stop shifting before the long overflows
    int doublings = Math.min(attempt - 1, 62);
    long initialMillis = initial.toMillis();
    long delay = initialMillis > (max.toMillis() >> doublings) ? max.toMillis() : initialMillis << doublings;
    return Duration.ofMillis(Math.min(delay, max.toMillis()));
  }
}
