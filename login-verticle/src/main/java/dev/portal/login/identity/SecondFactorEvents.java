package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Records what happens to second factors in Kafka: codes sent, wrong codes (as login.failed with
 * reason bad_code, so lockout counts them like wrong passwords), burned challenges, method and phone
 * changes. Details carry masked destinations and ids, never a code or secret.
 */
final class SecondFactorEvents {
  private final EventPublisher publisher;
  private final SecurityEventFactory events;

  SecondFactorEvents(EventPublisher publisher, SecurityEventFactory events) {
    this.publisher = publisher;
    this.events = events;
  }

  /**
   * A wrong one-time, authenticator or recovery code, keyed by the account.
   *
   * @param deviceId the known device of the login it belongs to, so it spends that device's budget; may be null
   * @return the published event (its id and time also go into the login guard)
   */
  Future<SecurityEvent> badCode(UUID accountId, String deviceId, String purpose, String challengeId,
      RequestContext context) {
    return badCode(accountId, accountId.toString(), deviceId, purpose, challengeId, context);
  }

  /**
   * As above, for a subject that may be no account: the stand-in challenge of a reset for an identifier
   * that matched nothing is keyed by the identifier's HMAC, as its failed logins are.
   *
   * @param accountId null for such a subject
   */
  Future<SecurityEvent> badCode(UUID accountId, String subjectKey, String deviceId, String purpose,
      String challengeId, RequestContext context) {
    JsonObject details = new JsonObject().put("purpose", purpose);
    if (challengeId != null) {
      details.put("challengeId", challengeId);
    }
    if (deviceId != null) {
      details.put("deviceId", deviceId);
    }
    SecurityEvent event = events.create(EventTypes.LOGIN_FAILED, accountId, subjectKey, null, context,
        Outcomes.FAILURE, Outcomes.REASON_BAD_CODE, details);
    return publisher.publish(event).map(event);
  }

  /** A wrong password given to confirm a change: a guess like at login (login.failed, bad_credentials). */
  Future<Void> wrongPassword(UUID accountId, RequestContext context) {
    return publisher.publish(events.create(EventTypes.LOGIN_FAILED, accountId, accountId.toString(), null, context,
        Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, new JsonObject().put("purpose", "step-up")));
  }

  /** An event of the account, outcome success, acknowledged by Kafka before the caller answers. */
  Future<Void> record(String type, UUID accountId, String identifierKind, String reason, JsonObject details,
      RequestContext context) {
    return publisher.publish(events.create(type, accountId, accountId.toString(), identifierKind, context,
        Outcomes.SUCCESS, reason, details));
  }

  /** An account's event with outcome rejected: something asked for was refused (a code not sent). */
  Future<Void> refused(String type, UUID accountId, String reason, JsonObject details, RequestContext context) {
    return publisher.publish(events.create(type, accountId, accountId.toString(), null, context,
        Outcomes.REJECTED, reason, details));
  }

  /** login.rejected of an account after the right password (disabled, unverified e-mail). */
  Future<Void> rejected(UUID accountId, String identifierKind, String reason, RequestContext context) {
    return publisher.publish(events.create(EventTypes.LOGIN_REJECTED, accountId, accountId.toString(),
        identifierKind, context, Outcomes.REJECTED, reason, null));
  }
}
