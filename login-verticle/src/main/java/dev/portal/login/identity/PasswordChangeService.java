package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signed-in person changes their password, proving the current one. This is a door to guess
 * passwords through, so it obeys the account's lock and a wrong current password is recorded as
 * {@code login.failed} (bad_credentials) for the lockout consumer to count like a failed sign-in.
 */
final class PasswordChangeService {
  private final RecoveryStore store;
  private final PasswordHasher hasher;
  private final PasswordReplacement replacement;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final RedisAPI redis;
  private final Clock clock;

  PasswordChangeService(RecoveryStore store, PasswordHasher hasher, PasswordReplacement replacement,
      EventPublisher publisher, SecurityEventFactory events, RedisAPI redis, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.replacement = replacement;
    this.publisher = publisher;
    this.events = events;
    this.redis = redis;
    this.clock = clock;
  }

  /** identity.password.change: {accountId, sessionId, current_password, new_password, log_out_others?} -> {}. */
  Future<JsonObject> change(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String sessionId = SessionRequests.sessionId(body, "sessionId");
    RecoveryRequests.Change request = RecoveryRequests.change(body);
    RequestContext context = RequestContext.of(body);
    return store.findAccount(accountId)
        .compose(account -> account == null
            ? Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "No such account."))
            : Future.succeededFuture(account))
        .compose(account -> {
          PasswordPolicy.enforce("new_password", request.newPassword(), account.username(), account.email());
          return refuseIfLocked(account);
        })
        .compose(account -> proveCurrent(account, request.currentPassword(), context))
        .compose(account -> hasher.hash(request.newPassword())
            .compose(hash -> replacement.replace(new PasswordReplacement.Replacement(account, hash,
                PasswordReplacement.Via.CHANGE, null, request.logOutOthers(), sessionId), context)))
        .map(v -> new JsonObject());
  }

  private Future<RecoveryAccount> proveCurrent(RecoveryAccount account, String currentPassword,
      RequestContext context) {
    return hasher.verify(account.passwordHash(), currentPassword)
        .compose(matches -> matches ? Future.succeededFuture(account) : wrongPassword(account, context));
  }

  private Future<RecoveryAccount> wrongPassword(RecoveryAccount account, RequestContext context) {
    UUID accountId = account.id();
    return publisher.publish(events.create(EventTypes.LOGIN_FAILED, accountId, accountId.toString(), null, context,
            Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, new JsonObject().put("via", "password-change")))
        .compose(v -> Future.failedFuture(new ProblemException(ProblemType.INVALID_CREDENTIALS,
            "The current password is not correct.")));
  }

  /** The lock the lockout consumer keeps for the account (epoch ms lockedUntil, permanent "1"). */
  private Future<RecoveryAccount> refuseIfLocked(RecoveryAccount account) {
    return redis.hmget(List.of(RedisKeys.lock(account.id().toString()), "lockedUntil", "permanent"))
        .compose(fields -> {
          long now = clock.millis();
          boolean permanent = "1".equals(text(fields.get(1)));
          long lockedUntil = text(fields.get(0)).isEmpty() ? 0 : Long.parseLong(text(fields.get(0)));
          if (!permanent && lockedUntil <= now) {
            return Future.succeededFuture(account);
          }
          String until = permanent ? null : Instant.ofEpochMilli(lockedUntil).toString();
          Problem problem = Problem.of(ProblemType.ACCOUNT_LOCKED, permanent
                  ? "Too many failed attempts. Reset your password or contact support to unlock the account."
                  : "Too many failed attempts. Try again after " + until + ".")
              .withExtension("lockedUntil", until)
              .withExtension("permanent", permanent);
          return Future.failedFuture(new ProblemException(permanent ? problem
              : problem.withRetryAfter(Math.max(1, (lockedUntil - now + 999) / 1000))));
        });
  }

  private static String text(Response field) {
    return field == null ? "" : field.toString();
  }
}
