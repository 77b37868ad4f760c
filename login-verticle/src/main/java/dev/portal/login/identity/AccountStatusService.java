package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * Breach response: an administrator disables an account (no login from then on, every session ended
 * at once) or enables it again. The status change is committed in PostgreSQL before the sessions
 * end, so a login racing the disable either sees the new status or has its session ended with the
 * rest.
 */
final class AccountStatusService {
  private final AccountStore accounts;
  private final SessionStore sessions;
  private final SessionEvents sessionEvents;
  private final Clock clock;

  AccountStatusService(AccountStore accounts, SessionStore sessions, SessionEvents sessionEvents, Clock clock) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.sessionEvents = sessionEvents;
    this.clock = clock;
  }

  /** identity.admin.disable: {actorAccountId, accountId} -> {}, 404 for an unknown account. */
  Future<JsonObject> disable(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String actor = body.getString("actorAccountId");
    RequestContext context = RequestContext.of(body);
    return setStatus(accountId, AccountCredentials.DISABLED)
        .compose(v -> sessions.endAll(accountId, SessionEnd.DISABLED, null, clock.instant()))
        // recorded once in effect, so an unreachable Kafka cannot hold the sessions open
        .compose(ended -> sessionEvents.accountStatus(EventTypes.ACCOUNT_DISABLED, accountId, actor, context)
            .compose(v -> sessionEvents.revoked(accountId, ended, SessionEnd.DISABLED, actor, context)))
        .map(v -> new JsonObject());
  }

  /** identity.admin.enable: {actorAccountId, accountId} -> {}, 404 for an unknown account. */
  Future<JsonObject> enable(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String actor = body.getString("actorAccountId");
    return setStatus(accountId, AccountCredentials.ACTIVE)
        .compose(v -> sessionEvents.accountStatus(EventTypes.ACCOUNT_ENABLED, accountId, actor,
            RequestContext.of(body)))
        .map(v -> new JsonObject());
  }

  private Future<Void> setStatus(UUID accountId, String status) {
    return accounts.setStatus(accountId, status, clock.instant())
        .compose(found -> found ? Future.<Void>succeededFuture()
            : Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "No such account.")));
  }
}
