package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy table of issue 3, step by step, with the default numbers and event times only. */
class LockoutPolicyTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long T0 = 1_760_000_000_000L;

  private final LockoutPolicy policy = new LockoutPolicy(LockoutRules.fromEnv(Map.of()));
  private final AtomicInteger ids = new AtomicInteger();
  private SubjectState state = SubjectState.EMPTY;
  private List<LockChange> lastChanges = List.of();

  private void event(LockoutEvent.Kind kind, long at) {
    LockoutPolicy.Transition transition = policy.apply(state,
        new LockoutEvent("e" + ids.incrementAndGet(), kind, at, kind == LockoutEvent.Kind.UNLOCK_REQUEST ? "admin-1" : null));
    state = transition.next();
    lastChanges = transition.changes();
  }

  private void failures(int count, long from) {
    for (int i = 0; i < count; i++) {
      event(LockoutEvent.Kind.FAILURE, from + i * 1_000L);
    }
  }

  private LockChange.Locked lastLock() {
    assertEquals(1, lastChanges.size(), lastChanges.toString());
    return (LockChange.Locked) lastChanges.get(0);
  }

  @Test
  @DisplayName("five failures within fifteen minutes lock for fifteen minutes; four do not")
  void fiveFailuresLockForFifteenMinutes() {
    failures(4, T0);
    assertFalse(state.lockedAt(T0 + 4_000));
    assertEquals(4, state.failureTimes().size());
    assertTrue(lastChanges.isEmpty());

    event(LockoutEvent.Kind.FAILURE, T0 + 4_000);
    LockChange.Locked lock = lastLock();
    assertEquals(5, lock.failures());
    assertFalse(lock.permanent());
    assertEquals(T0 + 4_000 + 15 * MINUTE, lock.lockedUntil());
    assertTrue(state.lockedAt(T0 + 4_000 + 15 * MINUTE - 1));
    assertFalse(state.lockedAt(T0 + 4_000 + 15 * MINUTE));
    assertTrue(state.failureTimes().isEmpty(), "the failures behind a lock are used up");
  }

  @Test
  @DisplayName("failures older than the fifteen-minute window no longer count")
  void windowSlides() {
    failures(4, T0);
    event(LockoutEvent.Kind.FAILURE, T0 + 15 * MINUTE + 500);
    assertTrue(lastChanges.isEmpty());
    assertEquals(4, state.failureTimes().size(), "the first failure left the window; three plus this one remain");
  }

  @Test
  @DisplayName("each further lock within 24 hours doubles the wait, and the third becomes permanent")
  void locksDoubleThenBecomePermanent() {
    failures(5, T0);
    assertEquals(15 * MINUTE, lastLock().lockedUntil() - (T0 + 4_000));

    long second = T0 + 20 * MINUTE;
    failures(5, second);
    LockChange.Locked lock2 = lastLock();
    assertEquals(2, lock2.lockNumber());
    assertEquals(second + 4_000 + 30 * MINUTE, lock2.lockedUntil());

    long third = second + 40 * MINUTE;
    failures(5, third);
    LockChange.Locked lock3 = lastLock();
    assertEquals(3, lock3.lockNumber());
    assertTrue(lock3.permanent());
    assertEquals(0, lock3.lockedUntil());
    assertTrue(state.lockedAt(third + 365L * 24 * HOUR), "a permanent lock does not end by itself");
  }

  @Test
  @DisplayName("the end of a temporary lock is announced with the subject's next event")
  void expiryIsAnnouncedLazily() {
    failures(5, T0);
    event(LockoutEvent.Kind.FAILURE, T0 + 20 * MINUTE);
    assertEquals(List.of(new LockChange.Unlocked(LockChange.Unlocked.BY_EXPIRY, null)), lastChanges);
    assertEquals(1, state.failureTimes().size(), "a fresh budget after the lock");
    assertEquals(0, state.lockedUntil());
  }

  @Test
  @DisplayName("locks older than 24 hours do not count: the wait starts again at fifteen minutes")
  void lockHistoryIsTwentyFourHours() {
    failures(5, T0);
    failures(5, T0 + 25 * HOUR);
    LockChange.Locked lock = lastLock();
    assertEquals(1, lock.lockNumber());
    assertEquals(15 * MINUTE, lock.lockedUntil() - (T0 + 25 * HOUR + 4_000));
  }

  @Test
  @DisplayName("the wait doubles up to the 24-hour cap")
  void waitIsCapped() {
    LockoutPolicy patient = new LockoutPolicy(new LockoutRules(5, Duration.ofMinutes(15), Duration.ofHours(10),
        Duration.ofHours(24), 10, Duration.ofDays(7), 30, Duration.ofMinutes(5), Duration.ofMinutes(15)));
    assertEquals(10 * HOUR, patient.waitMillis(1));
    assertEquals(20 * HOUR, patient.waitMillis(2));
    assertEquals(24 * HOUR, patient.waitMillis(3));
    assertEquals(24 * HOUR, patient.waitMillis(40));
    assertEquals(30 * MINUTE, policy.waitMillis(2));
    assertEquals(60 * MINUTE, policy.waitMillis(3));
  }

  @Test
  @DisplayName("a successful login clears the failure count")
  void successClears() {
    failures(4, T0);
    event(LockoutEvent.Kind.SUCCESS, T0 + 10_000);
    assertTrue(state.failureTimes().isEmpty());
    failures(4, T0 + 20_000);
    assertTrue(lastChanges.isEmpty(), "four more failures after the success do not lock");
    event(LockoutEvent.Kind.FAILURE, T0 + 30_000);
    assertEquals(1, lastLock().lockNumber());
  }

  @Test
  @DisplayName("a failure that happened before a success but arrives after it does not count")
  void lateFailureBeforeSuccessIgnored() {
    failures(3, T0);
    event(LockoutEvent.Kind.SUCCESS, T0 + 10_000);
    event(LockoutEvent.Kind.FAILURE, T0 + 5_000);
    assertTrue(state.failureTimes().isEmpty());
  }

  @Test
  @DisplayName("failures while locked count towards the next lock but do not extend the current one")
  void failuresWhileLocked() {
    failures(5, T0);
    long until = state.lockedUntil();
    event(LockoutEvent.Kind.FAILURE, T0 + 10_000);
    assertTrue(lastChanges.isEmpty());
    assertEquals(until, state.lockedUntil());
    assertEquals(1, state.failureTimes().size());
  }

  @Test
  @DisplayName("an administrator's unlock lifts even a permanent lock and clears failures and lock history")
  void adminUnlock() {
    failures(5, T0);
    failures(5, T0 + 20 * MINUTE);
    failures(5, T0 + 60 * MINUTE);
    assertTrue(state.permanent());
    event(LockoutEvent.Kind.UNLOCK_REQUEST, T0 + 2 * HOUR);
    assertEquals(List.of(new LockChange.Unlocked(LockChange.Unlocked.BY_ADMIN, "admin-1")), lastChanges);
    assertFalse(state.lockedAt(T0 + 2 * HOUR));
    assertTrue(state.lockTimes().isEmpty());
    failures(5, T0 + 3 * HOUR);
    assertEquals(1, lastLock().lockNumber(), "after an unlock the next lock is a first one again");
  }

  @Test
  @DisplayName("an event older than the retention before the newest one changes nothing")
  void ancientEventsIgnored() {
    event(LockoutEvent.Kind.SUCCESS, T0 + 30 * HOUR);
    SubjectState before = state;
    event(LockoutEvent.Kind.FAILURE, T0);
    assertEquals(before, state);
    assertTrue(lastChanges.isEmpty());
  }

  @Test
  @DisplayName("a password reset lifts even a permanent lock, announced as by reset, and starts a fresh history")
  void resetLiftsPermanentLock() {
    failures(5, T0);
    failures(5, T0 + 20 * MINUTE);
    failures(5, T0 + 60 * MINUTE);
    assertTrue(lastLock().permanent());

    event(LockoutEvent.Kind.PASSWORD_RESET, T0 + 2 * HOUR);
    assertEquals(List.of(new LockChange.Unlocked(LockChange.Unlocked.BY_RESET, null)), lastChanges);
    assertFalse(state.lockedAt(T0 + 2 * HOUR));
    assertTrue(state.lockTimes().isEmpty(), "the lock history is cleared: the next lock is a first one again");

    failures(5, T0 + 3 * HOUR);
    assertEquals(1, lastLock().lockNumber());
  }

  @Test
  @DisplayName("a password reset of an unlocked account announces nothing but clears its failures")
  void resetOfUnlockedAccountIsQuiet() {
    failures(3, T0);
    event(LockoutEvent.Kind.PASSWORD_RESET, T0 + MINUTE);
    assertTrue(lastChanges.isEmpty());
    assertTrue(state.failureTimes().isEmpty());
  }
}
