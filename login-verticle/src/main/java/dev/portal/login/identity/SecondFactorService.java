package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A signed-in person's second factor: what it is, a step-up code by the current method, and changing
 * the method, which needs a {@link FreshProof} so a stolen access token alone cannot turn protection off.
 */
final class SecondFactorService {
  private final SecondFactorStore store;
  private final CodeChallenges challenges;
  private final FreshProof proof;
  private final SecondFactorEvents events;
  private final SecondFactorConfig config;
  private final Clock clock;

  SecondFactorService(SecondFactorStore store, CodeChallenges challenges, FreshProof proof,
      SecondFactorEvents events, SecondFactorConfig config, Clock clock) {
    this.store = store;
    this.challenges = challenges;
    this.proof = proof;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  /** identity.mfa.status: {accountId} -> {method, email, email_verified, phone (masked), phone_verified, recovery_codes_left}. */
  Future<JsonObject> status(JsonObject body) {
    UUID accountId = accountIdOf(body);
    return existing(store.find(accountId)).compose(account -> store.recoveryCodesLeft(accountId)
        .map(left -> new JsonObject()
            .put("method", account.method())
            .put("email", account.email())
            .put("email_verified", account.emailVerified())
            .put("phone", account.phone() == null ? null : Destinations.maskPhone(account.phone()))
            .put("phone_verified", account.phoneVerified())
            .put("recovery_codes_left", left)));
  }

  /** identity.mfa.step-up: {accountId} -> {challenge_id, channel, expires_in, destination}: a code by the current method. */
  Future<JsonObject> stepUp(JsonObject body) {
    UUID accountId = accountIdOf(body);
    return existing(store.find(accountId)).compose(account -> switch (account.method()) {
      case SecondFactorStore.EMAIL, SecondFactorStore.SMS -> challenges.issue(accountId,
          CodeChallenges.Purpose.STEP_UP, account.method(), null, null, null, RequestContext.of(body))
          .map(CodeChallenges.Challenge::toReply);
      case SecondFactorStore.TOTP -> Future.failedFuture(invalid("method",
          "Your second factor is an authenticator app: use the code it shows, nothing is sent."));
      default -> Future.failedFuture(invalid("method",
          "You have no second factor yet: confirm with your password instead."));
    });
  }

  /** identity.mfa.method: {accountId, method, password? | code? (+ challenge_id)} -> {method}. */
  Future<JsonObject> changeMethod(JsonObject body) {
    UUID accountId = accountIdOf(body);
    Object requested = body.getValue("method");
    if (!(requested instanceof String method) || !SecondFactorStore.METHODS.contains(method)) {
      return Future.failedFuture(invalid("method", "must be one of none, email, sms, totp"));
    }
    if (SecondFactorStore.TOTP.equals(method)) {
      return Future.failedFuture(invalid("method",
          "An authenticator app is turned on by setting it up: POST /api/v1/me/mfa/totp, then confirm a code."));
    }
    RequestContext context = RequestContext.of(body);
    return existing(store.find(accountId)).compose(account -> {
      if (method.equals(account.method())) {
        return Future.succeededFuture(new JsonObject().put("method", method));
      }
      ProblemException unfit = unfitFor(account, method);
      return unfit != null ? Future.failedFuture(unfit)
          : proof.check(account, body, context)
              .compose(v -> store.setMethod(accountId, method, clock.instant()))
              .compose(v -> events.record(EventTypes.MFA_METHOD_CHANGED, accountId, null, null,
                  new JsonObject().put("method", method).put("previous", account.method()), context))
              .map(v -> new JsonObject().put("method", method));
    });
  }

  /** Why the account cannot switch to {@code method}; null when it can. */
  private ProblemException unfitFor(SecondFactorStore.Account account, String method) {
    return switch (method) {
      case SecondFactorStore.SMS -> account.phoneVerified() ? null
          : invalid("method", "Verify a phone number first: POST /api/v1/me/phone.");
      case SecondFactorStore.EMAIL -> account.emailVerified() ? null
          : new ProblemException(ProblemType.EMAIL_NOT_VERIFIED,
              "Verify your e-mail address first: open the link we sent you.");
      default -> SecondFactorPolicy.mustHaveOne(account.roles(), config.requirement())
          ? invalid("method", "This portal requires a second factor for your account: choose email, sms or totp.")
          : null;
    };
  }

  static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
  }

  /** The account id the gateway put in from the verified token. */
  static UUID accountIdOf(JsonObject body) {
    try {
      return UUID.fromString(body.getString("accountId"));
    } catch (RuntimeException e) {
      throw new ProblemException(ProblemType.UNAUTHORIZED, "Sign in first.");
    }
  }

  /** Fails 404 when the account of a valid token no longer exists. */
  static Future<SecondFactorStore.Account> existing(Future<SecondFactorStore.Account> found) {
    return found.compose(account -> account == null
        ? Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "No such account."))
        : Future.succeededFuture(account));
  }
}
