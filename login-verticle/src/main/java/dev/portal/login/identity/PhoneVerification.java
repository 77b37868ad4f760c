package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Proves a phone number before it is stored: a code goes by SMS to the new number, and only the right
 * code writes it into the account, already verified. Until then the number lives in the challenge only,
 * so the account's current number (and an SMS second factor on it) stays as it was.
 */
final class PhoneVerification {
  /** Challenge attribute: the number the code was sent to. */
  static final String PHONE = "phone";

  private final CodeChallenges challenges;
  private final SecondFactorStore store;
  private final SecondFactorEvents events;
  private final Clock clock;

  PhoneVerification(CodeChallenges challenges, SecondFactorStore store, SecondFactorEvents events, Clock clock) {
    this.challenges = challenges;
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** identity.phone.set: {accountId, phone} -> {challenge_id, channel: "sms", expires_in, destination}. */
  Future<JsonObject> set(JsonObject body) {
    UUID accountId = SecondFactorService.accountIdOf(body);
    Object raw = body.getValue(PHONE);
    String phone = raw instanceof String text ? PhoneNumbers.normalise(text) : null;
    if (phone == null) {
      return Future.failedFuture(SecondFactorService.invalid(PHONE, raw == null ? "is required"
          : "must be a phone number: '+' and country code, or an Indonesian mobile number 08..."));
    }
    return SecondFactorService.existing(store.find(accountId))
        .compose(account -> challenges.issue(accountId, CodeChallenges.Purpose.PHONE, Notification.SMS, phone, null,
            new JsonObject().put(PHONE, phone), RequestContext.of(body)))
        .map(CodeChallenges.Challenge::toReply);
  }

  /** identity.phone.verify: {accountId, challenge_id, code} -> {}: the number is now the account's, verified. */
  Future<JsonObject> verify(JsonObject body) {
    UUID accountId = SecondFactorService.accountIdOf(body);
    List<Problem.FieldError> errors = new ArrayList<>();
    String challengeId = SecondFactorLogin.requiredText(body, "challenge_id", errors);
    String code = SecondFactorLogin.requiredText(body, "code", errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ProblemException(Problem.validation(errors)));
    }
    RequestContext context = RequestContext.of(body);
    return challenges.verify(challengeId, CodeChallenges.Purpose.PHONE, code, context).compose(challenge -> {
      String phone = challenge.attributes().getString(PHONE);
      if (!challenge.accountId().equals(accountId) || phone == null) {
        return Future.failedFuture(new ProblemException(ProblemType.CHALLENGE_EXPIRED,
            "This code belongs to no phone verification of yours. Start again."));
      }
      return store.setVerifiedPhone(accountId, phone, clock.instant())
          .compose(v -> events.record(EventTypes.PHONE_VERIFIED, accountId, null, null,
              new JsonObject().put("destination", Destinations.maskPhone(phone)), context))
          .map(v -> new JsonObject());
    });
  }
}
