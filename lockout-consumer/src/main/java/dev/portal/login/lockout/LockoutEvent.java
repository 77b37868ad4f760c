package dev.portal.login.lockout;

/**
 * One event as the lockout policy sees it.
 *
 * @param eventId the id of the event that caused it (emitted events derive their ids from it)
 * @param at when it happened, epoch milliseconds
 * @param actor the administrator's account id for an unlock request; null otherwise
 */
public record LockoutEvent(String eventId, Kind kind, long at, String actor) {

  public enum Kind {
    /** A password check failed. */
    FAILURE,
    /** A login succeeded: the failure count starts again. */
    SUCCESS,
    /** An administrator lifts the lock and clears the failures and lock history. */
    UNLOCK_REQUEST,
    /**
     * The owner proved control of the account by resetting the password: any lock, permanent included,
     * is lifted and failures and lock history are cleared.
     */
    PASSWORD_RESET
  }
}
