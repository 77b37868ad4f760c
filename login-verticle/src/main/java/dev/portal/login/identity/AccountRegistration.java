package dev.portal.login.identity;

import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-service registration: the account and its e-mail verification link are written in one
 * transaction with the acknowledged {@code account.registered} event; the link is mailed only after
 * the commit. A lost mail is mended by asking for another; a half-written account could not be.
 */
final class AccountRegistration {
  private static final Logger log = LoggerFactory.getLogger(AccountRegistration.class);

  private record Registered(AccountView view, EmailLinks.LinkToken link) {
  }

  private final AccountService accounts;
  private final EmailVerificationService verification;
  private final NewSignInAlerts alerts;

  AccountRegistration(AccountService accounts, EmailVerificationService verification, NewSignInAlerts alerts) {
    this.accounts = accounts;
    this.verification = verification;
    this.alerts = alerts;
  }

  /** identity.register: {username, email, password, ...} -> the account view. */
  Future<JsonObject> register(JsonObject body) {
    RequestContext context = RequestContext.of(body);
    return Future.succeededFuture(body)
        .map(InputRules::parseRegistration)
        .compose(account -> accounts.create(account, AccountService.ORDINARY_ROLES, context,
            (tx, view) -> verification.createLink(tx, view.id(), view.email()).map(link -> new Registered(view, link))))
        .compose(registered -> afterCommit(registered, context).map(registered.view().toJson()));
  }

  private Future<Void> afterCommit(Registered registered, RequestContext context) {
    AccountView view = registered.view();
    return verification.send(view.id(), view.email(), registered.link(), context)
        .recover(failure -> {
          log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, context.requestId())
              .log("Request {}: verification link of new account {} not sent (a resend mends it): {}",
                  context.requestId(), view.id(), failure.toString());
          return Future.succeededFuture();
        })
        .compose(v -> alerts.afterRegistration(view.id(), context));
  }
}
