package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;

/**
 * The fresh proof a signed-in person gives before touching their second factor (changing the method,
 * enrolling an authenticator): the password while there is no second factor, else the current factor,
 * so a stolen access token alone cannot replace or remove it. Every answer is checked inside the
 * account's login guard, so a locked account takes none and wrong ones count toward lockout at once.
 */
final class FreshProof {
  static final String REQUIRED_PASSWORD = "password";
  static final String REQUIRED_SECOND_FACTOR = "second-factor";
  private static final int PASSWORD_LIMIT = 4 * 128;

  private final CodeChallenges challenges;
  private final SecondFactorCheck authenticatorCheck;
  private final PasswordHasher hasher;
  private final SecondFactorEvents events;
  private final LoginGuard guard;

  FreshProof(CodeChallenges challenges, SecondFactorCheck authenticatorCheck, PasswordHasher hasher,
      SecondFactorEvents events, LoginGuard guard) {
    this.challenges = challenges;
    this.authenticatorCheck = authenticatorCheck;
    this.hasher = hasher;
    this.events = events;
    this.guard = guard;
  }

  /**
   * Succeeds when {@code body} proves the person holds the account's current factor: {@code password},
   * or {@code code} (TOTP or recovery code), or {@code challenge_id} + {@code code} of a STEP_UP challenge.
   * Missing proof: 403 step-up-required (extension required); wrong: 401 invalid-credentials / invalid-code.
   */
  Future<Void> check(SecondFactorStore.Account account, JsonObject body, RequestContext context) {
    String password = body.getValue("password") instanceof String text ? text : null;
    String code = body.getValue("code") instanceof String text ? text : null;
    String challengeId = body.getValue("challenge_id") instanceof String text ? text : null;
    return switch (account.method()) {
      case SecondFactorStore.TOTP -> code == null ? stepUpRequired(REQUIRED_SECOND_FACTOR)
          : authenticatorCheck.verifyAuthenticatorOrRecovery(account.accountId(), code,
              CodeChallenges.Purpose.STEP_UP, context);
      case SecondFactorStore.EMAIL, SecondFactorStore.SMS -> code == null || challengeId == null
          ? stepUpRequired(REQUIRED_SECOND_FACTOR)
          : challenges.verify(challengeId, CodeChallenges.Purpose.STEP_UP, code, context)
              .compose(challenge -> challenge.accountId().equals(account.accountId()) ? Future.<Void>succeededFuture()
                  : Future.failedFuture(new ProblemException(ProblemType.CHALLENGE_EXPIRED,
                      "This code belongs to no step-up of yours. Ask for a new one.")));
      default -> password == null || password.length() > PASSWORD_LIMIT ? stepUpRequired(REQUIRED_PASSWORD)
          : checkPassword(account, Normalizer.normalize(password, Normalizer.Form.NFKC), context);
    };
  }

  private Future<Void> checkPassword(SecondFactorStore.Account account, String password, RequestContext context) {
    return guard.check(LoginSubject.account(account.accountId()), context, LoginGuard.OnRight.CLEAR_FAILURES,
            () -> hasher.verify(account.passwordHash(), password),
            right -> right ? LoginGuard.Verdict.RIGHT : LoginGuard.Verdict.WRONG)
        .compose(right -> right ? Future.<Void>succeededFuture()
            : events.wrongPassword(account.accountId(), context).compose(v -> Future.failedFuture(
                new ProblemException(ProblemType.INVALID_CREDENTIALS, "The password is not correct."))));
  }

  private static <T> Future<T> stepUpRequired(String required) {
    return Future.failedFuture(new ProblemException(Problem.of(ProblemType.STEP_UP_REQUIRED,
            REQUIRED_PASSWORD.equals(required) ? "Confirm with your password."
                : "Confirm with your current second factor: a code from your app, or a step-up code"
                    + " (POST /api/v1/me/mfa/challenge) with its challenge_id.")
        .withExtension("required", required)));
  }
}
