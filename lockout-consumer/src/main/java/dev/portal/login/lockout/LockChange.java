package dev.portal.login.lockout;

/** What an event changed about a lock, to be announced as account.locked or account.unlocked. */
public sealed interface LockChange permits LockChange.Locked, LockChange.Unlocked {

  /**
   * @param failures the failures that caused the lock
   * @param lockedUntil end of a temporary lock; 0 when permanent
   * @param lockNumber which lock within the lock history this is (1 for the first)
   */
  record Locked(int failures, long lockedUntil, boolean permanent, int lockNumber) implements LockChange {
  }

  /** @param actor the administrator's account id when {@code by} is admin; null otherwise */
  record Unlocked(String by, String actor) implements LockChange {
    public static final String BY_EXPIRY = "expiry";
    public static final String BY_ADMIN = "admin";
    public static final String BY_RESET = "reset";
  }
}
