package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Turns a verified login into a session and its first token pair. A new session id every time; the
 * tokens are handed out only after Kafka acknowledged both the login and the new session, and a
 * session nobody was told about is removed again.
 */
final class SessionOpener {
  static final String TOKEN_TYPE = "Bearer";
  /** The reply member carrying a device token; the gateway also keeps it in a cookie. */
  static final String DEVICE_TOKEN = "device_token";
  static final String DEVICE_ID = "deviceId";

  private final SessionStore sessions;
  private final EventPublisher publisher;
  private final AccessTokenIssuer tokens;
  private final SecurityEventFactory events;
  private final SessionEvents sessionEvents;
  private final RefreshTokens refreshTokens = new RefreshTokens();
  private final Clock clock;
  private final NewSignInAlerts alerts;

  /** @param alerts told of every sign-in on a device (never fails or refuses one) */
  SessionOpener(SessionStore sessions, EventPublisher publisher, AccessTokenIssuer tokens,
      SecurityEventFactory events, SessionEvents sessionEvents, Clock clock, NewSignInAlerts alerts) {
    this.alerts = alerts;
    this.sessions = sessions;
    this.publisher = publisher;
    this.tokens = tokens;
    this.events = events;
    this.sessionEvents = sessionEvents;
    this.clock = clock;
  }

  /** {access_token, token_type, expires_in, refresh_token} of a new session of {@code account}. */
  Future<JsonObject> open(AccountCredentials account, String identifierKind, List<String> amr,
      RequestContext context) {
    return open(account, identifierKind, amr, context, new JsonObject());
  }

  /** As {@link #open(AccountCredentials, String, List, RequestContext)}, with extra login.succeeded details. */
  Future<JsonObject> open(AccountCredentials account, String identifierKind, List<String> amr,
      RequestContext context, JsonObject loginDetails) {
    String sessionId = UUID.randomUUID().toString();
    String refreshToken = refreshTokens.generate();
    SessionStore.NewSession session = new SessionStore.NewSession(sessionId, account.accountId(), account.roles(),
        amr, RefreshTokens.hash(refreshToken), clock.instant(), context.ip(), context.userAgent(), null);
    SecurityEvent login = events.create(EventTypes.LOGIN_SUCCEEDED, account.accountId(),
        account.accountId().toString(), identifierKind, context, Outcomes.SUCCESS, null,
        loginDetails.copy().put("sessionId", sessionId));
    SecurityEvent created = sessionEvents.created(account.accountId(), sessionId, amr, context);
    return sessions.create(session)
        .compose(v -> Future.all(publisher.publish(login), publisher.publish(created))
            .recover(failure -> sessions.delete(sessionId, account.accountId()).otherwiseEmpty()
                .compose(ignored -> Future.failedFuture(failure))))
        .map(v -> tokenResponse(tokens.issue(account.accountId(), sessionId, account.roles(), amr), refreshToken));
  }

  /**
   * Opens a session of a login made on a device: a known device (its token was valid for this account)
   * keeps its id, any other gets a new one; the reply carries the device token to keep.
   *
   * @param knownDeviceId null when the login came without a valid device token
   */
  Future<JsonObject> openOnDevice(AccountCredentials account, String identifierKind, List<String> amr,
      RequestContext context, String knownDeviceId, DeviceTokens deviceTokens) {
    UUID deviceId = knownDeviceId == null ? UUID.randomUUID() : UUID.fromString(knownDeviceId);
    // a new device is named apart, so the audit trail tells a first sign-in from a known browser
    JsonObject details = knownDeviceId == null ? new JsonObject().put("newDeviceId", deviceId.toString())
        : new JsonObject().put(DEVICE_ID, deviceId.toString());
    return open(account, identifierKind, amr, context, details)
        .compose(reply -> alerts.afterSignIn(account.accountId(), null, knownDeviceId != null, context).map(reply))
        .map(reply -> reply.put(DEVICE_TOKEN, deviceTokens.issue(account.accountId(), deviceId)));
  }

  static JsonObject tokenResponse(AccessTokenIssuer.IssuedToken token, String refreshToken) {
    return new JsonObject()
        .put("access_token", token.token())
        .put("token_type", TOKEN_TYPE)
        .put("expires_in", token.expiresInSeconds())
        .put("refresh_token", refreshToken);
  }
}
