package dev.portal.login.lockout;

import java.util.ArrayList;
import java.util.List;

/**
 * The brute-force policy as a pure function from a subject's state and one event to the next state
 * and the lock changes to announce. Holds no clock and does no I/O, so a replay or a rebuild from
 * Kafka reaches exactly the state the first pass reached.
 */
public final class LockoutPolicy {
  private final LockoutRules rules;

  public LockoutPolicy(LockoutRules rules) {
    this.rules = rules;
  }

  /** The next state and what to announce; the same state and nothing for an event too old to matter. */
  public record Transition(SubjectState next, List<LockChange> changes) {
    public Transition {
      changes = List.copyOf(changes);
    }
  }

  public Transition apply(SubjectState state, LockoutEvent event) {
    if (event.at() < state.latest() - rules.retention().toMillis()) {
      return new Transition(state, List.of());
    }
    List<LockChange> changes = new ArrayList<>();
    SubjectState current = expireLock(state, event.at(), changes);
    SubjectState next = switch (event.kind()) {
      case FAILURE -> failure(current, event.at(), changes);
      case SUCCESS -> clearFailures(current, event.at());
      case UNLOCK_REQUEST -> unlock(current, event, changes);
      case PASSWORD_RESET -> resetByOwner(current, event.at(), changes);
    };
    return new Transition(withLatest(next, Math.max(state.latest(), event.at())), changes);
  }

  /** The length of lock number {@code lockNumber} (1-based) within the history, when temporary. */
  public long waitMillis(int lockNumber) {
    long wait = rules.firstWait().toMillis();
    long max = rules.maxWait().toMillis();
    for (int i = 1; i < lockNumber && wait < max; i++) {
      wait *= 2;
    }
    return Math.min(wait, max);
  }

  // A temporary lock ends by itself; it is announced when the subject's next event arrives after it.
  private static SubjectState expireLock(SubjectState state, long now, List<LockChange> changes) {
    if (state.permanent() || state.lockedUntil() == 0 || state.lockedUntil() > now) {
      return state;
    }
    changes.add(new LockChange.Unlocked(LockChange.Unlocked.BY_EXPIRY, null));
    return new SubjectState(state.failureTimes(), state.resetAt(), 0, false, state.lockTimes(), state.latest());
  }

  private SubjectState failure(SubjectState state, long now, List<LockChange> changes) {
    if (now <= state.resetAt()) {
      // arrived late: it happened before a success, lock or unlock that already reset the count
      return state;
    }
    long countFrom = Math.max(state.resetAt(), now - rules.failureWindow().toMillis());
    List<Long> failures = new ArrayList<>(state.failureTimes().stream().filter(time -> time > countFrom).toList());
    failures.add(now);
    failures.sort(null);
    if (state.lockedAt(now) || failures.size() < rules.failureFactor()) {
      // failures of attempts admitted before the lock landed count towards the next one
      return new SubjectState(failures, state.resetAt(), state.lockedUntil(), state.permanent(), state.lockTimes(),
          state.latest());
    }
    return lock(state, failures, now, changes);
  }

  private SubjectState lock(SubjectState state, List<Long> failures, long now, List<LockChange> changes) {
    long historyFrom = now - rules.lockHistory().toMillis();
    List<Long> locks = new ArrayList<>(state.lockTimes().stream().filter(time -> time > historyFrom).toList());
    locks.add(now);
    int lockNumber = locks.size();
    boolean permanent = lockNumber >= rules.permanentAfterLocks();
    long lockedUntil = permanent ? 0 : now + waitMillis(lockNumber);
    changes.add(new LockChange.Locked(failures.size(), lockedUntil, permanent, lockNumber));
    // the failures that caused the lock are used up: after it ends the subject has a fresh budget
    long consumedUpTo = failures.get(failures.size() - 1);
    return new SubjectState(List.of(), Math.max(state.resetAt(), consumedUpTo), lockedUntil, permanent, locks,
        state.latest());
  }

  private static SubjectState clearFailures(SubjectState state, long now) {
    long resetAt = Math.max(state.resetAt(), now);
    List<Long> later = state.failureTimes().stream().filter(time -> time > resetAt).toList();
    return new SubjectState(later, resetAt, state.lockedUntil(), state.permanent(), state.lockTimes(), state.latest());
  }

  private static SubjectState unlock(SubjectState state, LockoutEvent event, List<LockChange> changes) {
    changes.add(new LockChange.Unlocked(LockChange.Unlocked.BY_ADMIN, event.actor()));
    SubjectState cleared = clearFailures(state, event.at());
    return new SubjectState(cleared.failureTimes(), cleared.resetAt(), 0, false, List.of(), state.latest());
  }

  // Announced only when a lock was in force: a reset of an unlocked account changes nothing anyone watches.
  private static SubjectState resetByOwner(SubjectState state, long now, List<LockChange> changes) {
    if (state.lockedAt(now)) {
      changes.add(new LockChange.Unlocked(LockChange.Unlocked.BY_RESET, null));
    }
    SubjectState cleared = clearFailures(state, now);
    return new SubjectState(cleared.failureTimes(), cleared.resetAt(), 0, false, List.of(), state.latest());
  }

  private static SubjectState withLatest(SubjectState state, long latest) {
    return new SubjectState(state.failureTimes(), state.resetAt(), state.lockedUntil(), state.permanent(),
        state.lockTimes(), latest);
  }
}
