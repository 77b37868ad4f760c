package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.IdentifierKind;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.Problem.FieldError;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Creates accounts and shows them. A new account's rows (account, identifiers, and what the caller
 * adds, such as its e-mail verification link) and the acknowledged {@code account.registered}
 * event are one unit: if Kafka does not acknowledge, the transaction rolls back and nothing is
 * half-written.
 */
final class AccountService {
  static final List<String> ORDINARY_ROLES = List.of(Roles.USER);
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final Clock clock;
  private final RecoveryStore recovery;

  AccountService(Pool pool, AccountStore accounts, PasswordHasher hasher, EventPublisher publisher,
      SecurityEventFactory events, Clock clock) {
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.publisher = publisher;
    this.events = events;
    this.clock = clock;
    this.recovery = new RecoveryStore(pool);
  }

  /** identity.account: {accountId} -> the account view (with email_verified and mfa_method), or 404. */
  Future<JsonObject> view(JsonObject body) {
    UUID accountId = parseAccountId(body.getValue("accountId"));
    if (accountId == null) {
      return Future.failedFuture(notFound());
    }
    return recovery.findView(accountId)
        .compose(view -> view == null ? Future.failedFuture(notFound()) : Future.succeededFuture(view.toJson()));
  }

  Future<AccountView> create(NewAccount account, List<String> roles, RequestContext context) {
    return create(account, roles, context, (tx, view) -> Future.succeededFuture(view));
  }

  /**
   * Creates an account; {@code alsoWrite} adds rows of its own inside the same transaction, after the
   * account and before its event, so they commit or vanish with it.
   */
  <T> Future<T> create(NewAccount account, List<String> roles, RequestContext context,
      BiFunction<SqlConnection, AccountView, Future<T>> alsoWrite) {
    return hasher.hash(account.password())
        .compose(hash -> pool.withTransaction(tx -> insert(tx, account, hash, roles, context, alsoWrite)))
        .recover(AccountService::conflictOnUniqueViolation);
  }

  private <T> Future<T> insert(SqlConnection tx, NewAccount account, String hash, List<String> roles,
      RequestContext context, BiFunction<SqlConnection, AccountView, Future<T>> alsoWrite) {
    UUID id = UUID.randomUUID();
    // the database keeps microseconds; the answer must equal what a later read returns
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return accounts.insertAccount(tx, id, account, hash, roles, now)
        .compose(view -> accounts.insertIdentifiers(tx, id, account.identifiers())
            .compose(taken -> taken.isEmpty() ? Future.succeededFuture() : Future.failedFuture(conflict(taken)))
            .compose(v -> alsoWrite.apply(tx, view)))
        .compose(written -> publisher.publish(events.create(EventTypes.ACCOUNT_REGISTERED, id, id.toString(),
                IdentifierKind.USERNAME.wireName(), context, Outcomes.SUCCESS, null,
                new JsonObject().put("roles", roles)))
            .map(written));
  }

  private static ProblemException conflict(Set<IdentifierKind> taken) {
    List<FieldError> errors = taken.stream()
        .map(kind -> new FieldError(NewAccount.fieldOf(kind), "is already registered to another account"))
        .toList();
    return new ProblemException(new Problem(ProblemType.CONFLICT,
        "An account already uses " + (errors.size() == 1 ? "this identifier." : "these identifiers."),
        errors, null, null));
  }

  /** A race the identifier insert did not see (e.g. a concurrent insert of the same account id). */
  private static <T> Future<T> conflictOnUniqueViolation(Throwable failure) {
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return Future.failedFuture(new ProblemException(ProblemType.CONFLICT, "The account already exists."));
    }
    return Future.failedFuture(failure);
  }

  private static UUID parseAccountId(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "No such account.");
  }
}
