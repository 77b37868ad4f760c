package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/**
 * Password login. Every attempt is recorded in Kafka before it is answered: a failure must reach
 * lockout counting and a success is never granted unaudited, so an unacknowledged event means 503.
 * Unknown identifiers and wrong passwords get the same 401 after the same amount of hashing work.
 */
final class LoginService {
  static final String TOKEN_TYPE = "Bearer";
  private static final int REFRESH_TOKEN_BYTES = 32;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final EventPublisher publisher;
  private final AccessTokenIssuer tokens;
  private final SubjectKeys subjectKeys;
  private final SecurityEventFactory events;
  private final MeterRegistry registry;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  LoginService(AccountStore accounts, PasswordHasher hasher, SessionStore sessions, EventPublisher publisher,
      AccessTokenIssuer tokens, SubjectKeys subjectKeys, SecurityEventFactory events, MeterRegistry registry,
      Clock clock) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.sessions = sessions;
    this.publisher = publisher;
    this.tokens = tokens;
    this.subjectKeys = subjectKeys;
    this.events = events;
    this.registry = registry;
    this.clock = clock;
  }

  /** identity.login: {identifier, password} -> {access_token, token_type, expires_in, refresh_token}. */
  Future<JsonObject> login(JsonObject body) {
    RequestContext context = RequestContext.of(body);
    return Future.succeededFuture(body)
        .map(InputRules::parseLogin)
        .compose(request -> attempt(request, context))
        .onSuccess(reply -> countAttempt(Outcomes.SUCCESS, "none"))
        .onFailure(this::countFailedAttempt);
  }

  private Future<JsonObject> attempt(LoginRequest request, RequestContext context) {
    return accounts.findCredentials(request.identifier())
        .compose(found -> hasher.verify(found == null ? null : found.passwordHash(), request.password())
            .compose(matches -> {
              if (!matches) {
                return refuse(found, request.identifier(), context, Outcomes.REASON_BAD_CREDENTIALS);
              }
              if (!AccountCredentials.ACTIVE.equals(found.status())) {
                return refuse(found, request.identifier(), context, Outcomes.REASON_ACCOUNT_DISABLED);
              }
              return grant(found, request.identifier(), context);
            }));
  }

  private Future<JsonObject> refuse(AccountCredentials found, Identifier identifier, RequestContext context,
      String reason) {
    UUID accountId = found == null ? null : found.accountId();
    String subjectKey = found == null ? subjectKeys.forUnknown(identifier) : accountId.toString();
    SecurityEvent event = events.create(EventTypes.LOGIN_FAILED, accountId, subjectKey,
        identifier.kind().wireName(), context, Outcomes.FAILURE, reason, null);
    // the same body for an unknown identifier and a wrong password
    return publisher.publish(event).compose(v -> Future.failedFuture(new ProblemException(
        ProblemType.INVALID_CREDENTIALS, "The identifier or password is not correct.")));
  }

  private Future<JsonObject> grant(AccountCredentials account, Identifier identifier, RequestContext context) {
    String sessionId = UUID.randomUUID().toString();
    String accountId = account.accountId().toString();
    String refreshToken = newRefreshToken();
    SecurityEvent event = events.create(EventTypes.LOGIN_SUCCEEDED, account.accountId(), accountId,
        identifier.kind().wireName(), context, Outcomes.SUCCESS, null,
        new JsonObject().put("sessionId", sessionId));
    return sessions.create(sessionId, accountId, sha256(refreshToken), clock.instant())
        .compose(v -> publisher.publish(event)
            // never a token without an event: a session nobody was told about is removed again
            .recover(failure -> sessions.delete(sessionId, accountId).otherwiseEmpty()
                .compose(ignored -> Future.failedFuture(failure))))
        .map(v -> tokenResponse(tokens.issue(account.accountId(), sessionId, account.roles()), refreshToken));
  }

  private static JsonObject tokenResponse(AccessTokenIssuer.IssuedToken token, String refreshToken) {
    return new JsonObject()
        .put("access_token", token.token())
        .put("token_type", TOKEN_TYPE)
        .put("expires_in", token.expiresInSeconds())
        .put("refresh_token", refreshToken);
  }

  private String newRefreshToken() {
    byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
    random.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  /** Only this digest of a refresh token is stored: a Redis dump cannot be replayed as tokens. */
  static String sha256(String token) {
    try {
      return BASE64URL.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private void countFailedAttempt(Throwable failure) {
    ProblemType type = failure instanceof ProblemException pe ? pe.problem().type() : ProblemType.INTERNAL;
    switch (type) {
      case INVALID_CREDENTIALS -> countAttempt(Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS);
      case VALIDATION_FAILED -> countAttempt(Outcomes.REJECTED, type.slug());
      default -> countAttempt("error", type.slug());
    }
  }

  /** Labels are bounded: outcome and reason come from fixed sets, never from the request. */
  private void countAttempt(String outcome, String reason) {
    registry.counter("auth.login.attempts", "outcome", outcome, "reason", reason).increment();
  }
}
