package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.identity.SigningKeySchedule.KeyTimes;
import dev.portal.login.identity.SigningKeySchedule.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The signing-key schedule")
class SigningKeyScheduleTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration AHEAD = Duration.ofDays(1);
  private static final Duration ACCESS_TTL = Duration.ofMinutes(5);
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final SigningKeySchedule schedule = new SigningKeySchedule(
      new LoginConfig.KeyRotation(PERIOD, AHEAD, Duration.ofMinutes(1)), ACCESS_TTL, SKEW);

  @Test
  @DisplayName("with no key at all, creates one that signs at once")
  void firstKey() {
    assertEquals(new Plan(Optional.of(T0), Map.of()), schedule.plan(List.of(), T0));
  }

  @Test
  @DisplayName("does nothing while the current key is young")
  void nothingDue() {
    Plan plan = schedule.plan(List.of(new KeyTimes("k1", T0, null)), T0.plus(Duration.ofDays(10)));
    assertFalse(plan.changesAnything());
  }

  @Test
  @DisplayName("creates the next key one publish-ahead period before its turn, to sign exactly when the period ends")
  void nextKeyPublishedAhead() {
    Instant due = T0.plus(PERIOD).minus(AHEAD);
    assertFalse(schedule.plan(List.of(new KeyTimes("k1", T0, null)), due.minusSeconds(1)).changesAnything());
    Plan plan = schedule.plan(List.of(new KeyTimes("k1", T0, null)), due);
    assertEquals(Optional.of(T0.plus(PERIOD)), plan.newKeyNotBefore());
    assertTrue(plan.retirements().isEmpty(), "the current key keeps signing until then");
  }

  @Test
  @DisplayName("does not create a second successor while one is already waiting")
  void oneSuccessorOnly() {
    List<KeyTimes> keys = List.of(new KeyTimes("k1", T0, null), new KeyTimes("k2", T0.plus(PERIOD), null));
    assertFalse(schedule.plan(keys, T0.plus(PERIOD).minusSeconds(60)).changesAnything());
  }

  @Test
  @DisplayName("once the successor signs, the old key is retired when its last token has expired (turn + access TTL + skew)")
  void retiresOldKey() {
    Instant switched = T0.plus(PERIOD);
    List<KeyTimes> keys = List.of(new KeyTimes("k1", T0, null), new KeyTimes("k2", switched, null));
    Plan plan = schedule.plan(keys, switched.plusSeconds(1));
    assertEquals(Map.of("k1", switched.plus(ACCESS_TTL).plus(SKEW)), plan.retirements());
    assertEquals(Optional.empty(), plan.newKeyNotBefore());
  }

  @Test
  @DisplayName("after a long outage the next key still gets its full publish-ahead time before it signs")
  void lateScheduleStillPublishesAhead() {
    Instant muchLater = T0.plus(PERIOD).plus(Duration.ofDays(5));
    Plan plan = schedule.plan(List.of(new KeyTimes("k1", T0, null)), muchLater);
    assertEquals(Optional.of(muchLater.plus(AHEAD)), plan.newKeyNotBefore());
  }

  @Test
  @DisplayName("retired keys are ignored: when every key is retired a new one signs at once")
  void allRetired() {
    Instant now = T0.plus(Duration.ofDays(100));
    Plan plan = schedule.plan(List.of(new KeyTimes("k1", T0, now.minusSeconds(1))), now);
    assertEquals(Optional.of(now), plan.newKeyNotBefore());
  }
}
