package dev.portal.login.gateway;

import io.vertx.core.Future;

/**
 * Asks whether the session named by an access token is still live, so a signed-out or revoked
 * session is refused on its very next request on every instance, not only when the token expires.
 */
interface SessionCheck {
  /** Fails only when the answer cannot be had (the store is unreachable). */
  Future<SessionState> check(String sessionId, String accountId);

  /** Succeeds when the store answers; readiness asks it so the gateway's own connection is covered. */
  Future<Void> ping();

  Future<Void> close();
}
