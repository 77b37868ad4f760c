package dev.portal.login.lockout;

import java.util.List;

/**
 * What the lockout consumer knows about one subject (an account, an account's device, or an unknown
 * identifier's HMAC). Times are epoch milliseconds taken from the events, never from a wall clock.
 *
 * @param failureTimes failures not yet consumed by a lock or cleared by a success, oldest first
 * @param resetAt failures at or before this time no longer count (the last success, lock or unlock)
 * @param lockedUntil end of the temporary lock; 0 when there is none
 * @param permanent locked until an administrator or a password reset lifts it
 * @param lockTimes when the locks of the lock history began, oldest first
 * @param latest the newest event time seen; events older than the retention before it change nothing
 */
public record SubjectState(
    List<Long> failureTimes,
    long resetAt,
    long lockedUntil,
    boolean permanent,
    List<Long> lockTimes,
    long latest) {

  public static final SubjectState EMPTY = new SubjectState(List.of(), 0, 0, false, List.of(), 0);

  public SubjectState {
    failureTimes = List.copyOf(failureTimes);
    lockTimes = List.copyOf(lockTimes);
  }

  /** Locked at {@code now}: permanently, or temporarily until a later time. */
  public boolean lockedAt(long now) {
    return permanent || lockedUntil > now;
  }
}
