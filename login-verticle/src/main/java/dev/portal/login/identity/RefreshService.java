package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/**
 * Refresh-token rotation: each refresh token works once and is replaced by a new pair. Presenting a
 * spent one revokes the whole session, so whichever of a thief and the owner comes second ends it
 * for both. One Redis script decides; no PostgreSQL, no password hashing (roles and amr live in the
 * session).
 */
final class RefreshService {
  static final String FIELD = "refresh_token";
  /** Every value of the grants metric's {@code result} label, registered at zero when this starts. */
  static final List<String> RESULTS = List.of("rotated", "reused", "expired", "ended", "invalid", "error");

  private final SessionStore sessions;
  private final AccessTokenIssuer tokens;
  private final SessionEvents sessionEvents;
  private final RefreshTokens refreshTokens = new RefreshTokens();
  private final MeterRegistry registry;
  private final Clock clock;

  RefreshService(SessionStore sessions, AccessTokenIssuer tokens, SessionEvents sessionEvents,
      MeterRegistry registry, Clock clock) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.sessionEvents = sessionEvents;
    this.registry = registry;
    this.clock = clock;
    RESULTS.forEach(this::counter);
  }

  /** identity.refresh: {refresh_token} -> {access_token, token_type, expires_in, refresh_token}. */
  Future<JsonObject> refresh(JsonObject body) {
    Object presented = body.getValue(FIELD);
    if (!(presented instanceof String token) || token.isEmpty()) {
      return Future.failedFuture(new ProblemException(Problem.validation(
          List.of(new Problem.FieldError(FIELD, "is required")))));
    }
    if (!RefreshTokens.wellFormed(token)) {
      return refused("invalid", ProblemType.INVALID_REFRESH_TOKEN, "The refresh token is not valid.");
    }
    String replacement = refreshTokens.generate();
    return sessions.refresh(RefreshTokens.hash(token), RefreshTokens.hash(replacement), clock.instant())
        .compose(outcome -> answer(outcome, replacement, RequestContext.of(body)))
        .onFailure(failure -> {
          if (!(failure instanceof ProblemException pe) || pe.problem().status() >= 500) {
            count("error");
          }
        });
  }

  private Future<JsonObject> answer(SessionStore.RefreshOutcome outcome, String replacement, RequestContext context) {
    if (outcome instanceof SessionStore.Rotated rotated) {
      count("rotated");
      return Future.succeededFuture(SessionOpener.tokenResponse(
          tokens.issue(rotated.accountId(), rotated.sessionId(), rotated.roles(), rotated.amr()), replacement));
    }
    if (outcome instanceof SessionStore.Reused reused) {
      return sessionEvents.refreshReused(reused.accountId(), reused.sessionId(), context)
          .compose(v -> refused("reused", ProblemType.REFRESH_TOKEN_REUSED,
              "This refresh token was already used, so the session has been ended for safety. Sign in again."));
    }
    if (outcome instanceof SessionStore.Ended ended) {
      return endedAnswer(ended.reason());
    }
    return refused("invalid", ProblemType.INVALID_REFRESH_TOKEN, "The refresh token is not valid.");
  }

  private Future<JsonObject> endedAnswer(SessionEnd reason) {
    if (reason == SessionEnd.IDLE_EXPIRED) {
      return refused("expired", ProblemType.SESSION_EXPIRED,
          "The session expired after a period without activity. Sign in again.");
    }
    if (reason == SessionEnd.ABSOLUTE_EXPIRED) {
      return refused("expired", ProblemType.SESSION_EXPIRED,
          "The session reached its maximum lifetime. Sign in again.");
    }
    if (reason == SessionEnd.REUSED) {
      return refused("reused", ProblemType.REFRESH_TOKEN_REUSED,
          "The session was ended because one of its refresh tokens was used twice. Sign in again.");
    }
    return refused("ended", ProblemType.INVALID_REFRESH_TOKEN, "The session of this refresh token has ended.");
  }

  private Future<JsonObject> refused(String result, ProblemType type, String detail) {
    count(result);
    return Future.failedFuture(new ProblemException(type, detail));
  }

  /** result is one of rotated, reused, expired, ended, invalid, error: bounded. */
  private void count(String result) {
    counter(result).increment();
  }

  private Counter counter(String result) {
    return Counter.builder("auth.refresh.grants").description("Refresh token exchanges, by result")
        .tag("result", result).register(registry);
  }
}
