package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * Asks an account that uses an authenticator app for a code outside any challenge: before a password
 * reset completes, or before its method changes. A wrong code counts toward lockout like a wrong
 * password (login.failed, reason bad_code).
 */
final class SecondFactorCheck {
  private final AuthenticatorCodes authenticator;
  private final SecondFactorEvents events;
  private final LoginGuard guard;

  SecondFactorCheck(AuthenticatorCodes authenticator, SecondFactorEvents events, LoginGuard guard) {
    this.authenticator = authenticator;
    this.events = events;
    this.guard = guard;
  }

  /**
   * For a reset of an account whose method is totp: a TOTP code (accepted once) or an unused recovery
   * code; otherwise 401 invalid-code, counted as bad_code. No code at all: 403 step-up-required
   * (required second-factor), not counted.
   */
  Future<Void> verifyAuthenticatorOrRecovery(UUID accountId, String code, RequestContext context) {
    return verifyAuthenticatorOrRecovery(accountId, code, CodeChallenges.Purpose.RESET, context);
  }

  /**
   * As above, for {@code purpose} (it names the wrong code's event). The check runs inside the login
   * guard: the account's budget for a step-up, the reset's own for a reset (whose success lifts the
   * account's lock, so that lock cannot hold it back), so a caller cannot try codes without bound.
   */
  Future<Void> verifyAuthenticatorOrRecovery(UUID accountId, String code, CodeChallenges.Purpose purpose,
      RequestContext context) {
    if (code == null || code.isBlank()) {
      return Future.failedFuture(new ProblemException(Problem.of(ProblemType.STEP_UP_REQUIRED,
              "A code from your authenticator app or a recovery code is required.")
          .withExtension("required", "second-factor")));
    }
    LoginSubject subject = purpose == CodeChallenges.Purpose.RESET
        ? LoginSubject.resetCodes(accountId.toString(), accountId) : LoginSubject.account(accountId);
    return guard.check(subject, context, LoginGuard.OnRight.KEEP_FAILURES,
            () -> authenticator.accept(accountId, code, context),
            right -> right ? LoginGuard.Verdict.RIGHT : LoginGuard.Verdict.WRONG)
        .compose(right -> right ? Future.succeededFuture() : refuse(accountId, purpose, context));
  }

  private Future<Void> refuse(UUID accountId, CodeChallenges.Purpose purpose, RequestContext context) {
    return events.badCode(accountId, null, purpose.wireName(), null, context)
        .compose(event -> Future.failedFuture(new ProblemException(Problem.of(ProblemType.INVALID_CODE,
            "The code is not correct, or it was already used."))));
  }
}
