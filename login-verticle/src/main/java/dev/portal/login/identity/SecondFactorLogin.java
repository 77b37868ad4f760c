package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The second step of a login with a second factor: after the right password a login challenge is
 * issued instead of a session (login.mfa_required, which is no success for lockout); the right code
 * then opens the session exactly as a password login does, on the device of the password step.
 */
final class SecondFactorLogin {
  /** Challenge attribute: the known device of the password step (absent for a new device). */
  static final String DEVICE_ID = "deviceId";
  /** Challenge attribute: the kind of identifier the person logged in with. */
  static final String IDENTIFIER_KIND = "identifierKind";

  private final CodeChallenges challenges;
  private final AccountStore accounts;
  private final SessionOpener opener;
  private final DeviceTokens deviceTokens;
  private final SecondFactorEvents events;

  SecondFactorLogin(CodeChallenges challenges, AccountStore accounts, SessionOpener opener, DeviceTokens deviceTokens,
      SecondFactorEvents events) {
    this.challenges = challenges;
    this.accounts = accounts;
    this.opener = opener;
    this.deviceTokens = deviceTokens;
    this.events = events;
  }

  /**
   * Asks for the second factor of a login whose password was right: {mfa_required: true, challenge_id,
   * channel, expires_in, destination?}.
   */
  Future<JsonObject> require(AccountCredentials account, String identifierKind, LoginSubject subject, String channel,
      RequestContext context) {
    JsonObject attributes = new JsonObject().put(IDENTIFIER_KIND, identifierKind);
    if (subject.deviceId() != null) {
      attributes.put(DEVICE_ID, subject.deviceId());
    }
    return challenges.issue(account.accountId(), CodeChallenges.Purpose.LOGIN, channel, null, null, attributes,
            context)
        .compose(challenge -> events.record(EventTypes.LOGIN_MFA_REQUIRED, account.accountId(), identifierKind,
                Outcomes.REASON_MFA_REQUIRED, mfaRequiredDetails(challenge, subject), context)
            .map(v -> challenge.toReply().put("mfa_required", true)));
  }

  /** identity.mfa.verify: {challenge_id, code} -> the tokens of a new session and its device_token. */
  Future<JsonObject> verify(JsonObject body) {
    RequestContext context = RequestContext.of(body);
    List<Problem.FieldError> errors = new ArrayList<>();
    String challengeId = requiredText(body, "challenge_id", errors);
    String code = requiredText(body, "code", errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ProblemException(Problem.validation(errors)));
    }
    return challenges.verify(challengeId, CodeChallenges.Purpose.LOGIN, code, context)
        .compose(challenge -> accounts.findCredentials(challenge.accountId())
            .compose(account -> open(account, challenge, context)));
  }

  /** identity.mfa.resend: {challenge_id} -> {challenge_id, channel, expires_in, destination?, resends_left}. */
  Future<JsonObject> resend(JsonObject body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String challengeId = requiredText(body, "challenge_id", errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(new ProblemException(Problem.validation(errors)));
    }
    return challenges.resend(challengeId, RequestContext.of(body))
        .map(challenge -> challenge.toReply().put("resends_left", challenge.resendsLeft()));
  }

  private Future<JsonObject> open(AccountCredentials account, CodeChallenges.Challenge challenge,
      RequestContext context) {
    String identifierKind = challenge.attributes().getString(IDENTIFIER_KIND);
    UUID accountId = challenge.accountId();
    if (account == null || !AccountCredentials.ACTIVE.equals(account.status())) {
      // disabled between the password and the code
      return events.rejected(accountId, identifierKind, Outcomes.REASON_ACCOUNT_DISABLED, context)
          .compose(v -> Future.failedFuture(new ProblemException(ProblemType.ACCOUNT_DISABLED,
              "This account has been disabled. Contact support.")));
    }
    String deviceId = challenge.attributes().getString(DEVICE_ID);
    // the guard cleared the subject's failures when it judged the code right (CodeChallenges.verify)
    return opener.openOnDevice(account, identifierKind, AccessTokenIssuer.SECOND_FACTOR_AMR, context, deviceId,
        deviceTokens);
  }

  private static JsonObject mfaRequiredDetails(CodeChallenges.Challenge challenge, LoginSubject subject) {
    JsonObject details = new JsonObject().put("channel", challenge.channel()).put("challengeId", challenge.id());
    if (subject.deviceId() != null) {
      details.put(DEVICE_ID, subject.deviceId());
    }
    return details;
  }

  static String requiredText(JsonObject body, String field, List<Problem.FieldError> errors) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(new Problem.FieldError(field, value == null ? "is required" : "must be a non-empty string"));
      return null;
    }
    if (text.length() > 64 || InputRules.hasControlCharacter(text)) {
      errors.add(new Problem.FieldError(field, "is not valid"));
      return null;
    }
    return text.trim();
  }
}
