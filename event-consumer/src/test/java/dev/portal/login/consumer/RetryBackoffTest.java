package dev.portal.login.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  @Test
  @DisplayName("the wait doubles from the initial delay with each retry until it reaches the cap")
  void doublesUpToTheCap() {
    List<Long> waits = IntStream.rangeClosed(1, 10).mapToObj(attempt -> backoff.delayBefore(attempt).toMillis()).toList();
    assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L), waits);
  }

  @Test
  @DisplayName("a very long outage stays at the cap instead of overflowing")
  void staysAtTheCapForever() {
    assertEquals(Duration.ofSeconds(30), backoff.delayBefore(64));
    assertEquals(Duration.ofSeconds(30), backoff.delayBefore(Integer.MAX_VALUE));
  }

  @Test
  @DisplayName("attempts are counted from one")
  void attemptsStartAtOne() {
    assertThrows(IllegalArgumentException.class, () -> backoff.delayBefore(0));
  }
}
