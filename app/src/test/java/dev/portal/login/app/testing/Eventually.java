package dev.portal.login.app.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for an asynchronous effect (a consumer's write, a lock landing) by asking again until
 * it holds. The limit only turns a missing effect into a failure; it asserts nothing about speed.
 */
public final class Eventually {
  public static final Duration LIMIT = Duration.ofSeconds(60);

  private Eventually() {
  }

  public static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      last = probe.get();
    }
    return last;
  }
}
