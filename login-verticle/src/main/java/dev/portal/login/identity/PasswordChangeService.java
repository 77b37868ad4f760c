package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A signed-in person changes their password, proving the current one. This is a door to guess
 * passwords through, so the proof is checked inside the account's login guard (a locked account
 * takes none; a wrong one spends the budget at once) and a wrong current password is recorded as
 * {@code login.failed} (bad_credentials) for the lockout consumer to count like a failed sign-in.
 */
final class PasswordChangeService {
  private final RecoveryStore store;
  private final PasswordHasher hasher;
  private final PasswordReplacement replacement;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final LoginGuard guard;

  PasswordChangeService(RecoveryStore store, PasswordHasher hasher, PasswordReplacement replacement,
      EventPublisher publisher, SecurityEventFactory events, LoginGuard guard) {
    this.store = store;
    this.hasher = hasher;
    this.replacement = replacement;
    this.publisher = publisher;
    this.events = events;
    this.guard = guard;
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
          return proveCurrent(account, request.currentPassword(), context);
        })
        .compose(account -> hasher.hash(request.newPassword())
            .compose(hash -> replacement.replace(new PasswordReplacement.Replacement(account, hash,
                PasswordReplacement.Via.CHANGE, null, request.logOutOthers(), sessionId), context)))
        .map(v -> new JsonObject());
  }

  private Future<RecoveryAccount> proveCurrent(RecoveryAccount account, String currentPassword,
      RequestContext context) {
    return guard.check(LoginSubject.account(account.id()), context, LoginGuard.OnRight.CLEAR_FAILURES,
            () -> hasher.verify(account.passwordHash(), currentPassword),
            right -> right ? LoginGuard.Verdict.RIGHT : LoginGuard.Verdict.WRONG)
        .compose(matches -> matches ? Future.succeededFuture(account) : wrongPassword(account, context));
  }

  private Future<RecoveryAccount> wrongPassword(RecoveryAccount account, RequestContext context) {
    UUID accountId = account.id();
    return publisher.publish(events.create(EventTypes.LOGIN_FAILED, accountId, accountId.toString(), null, context,
            Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, new JsonObject().put("via", "password-change")))
        .compose(v -> Future.failedFuture(new ProblemException(ProblemType.INVALID_CREDENTIALS,
            "The current password is not correct.")));
  }
}
