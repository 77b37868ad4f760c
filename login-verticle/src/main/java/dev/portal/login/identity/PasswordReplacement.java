package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a new password hash in place for a reset or a change, in the order that leaves nothing
 * half-done that matters: sessions to end are ended first (a failure stops everything, and ended
 * sessions alone harm no one); the new hash, the spent link and {@code password.changed} commit
 * together once Kafka acknowledged the event; a second sweep then ends any session a login with the
 * old password opened meanwhile. What follows (session events, guard state, the e-mail to the owner)
 * is logged when it fails, never undoes the change.
 */
final class PasswordReplacement {
  private static final Logger log = LoggerFactory.getLogger(PasswordReplacement.class);

  /** Why the password changes, as {@code details.via} of password.changed and the e-mail say it. */
  enum Via {
    RESET("reset"), CHANGE("change");

    private final String wireName;

    Via(String wireName) {
      this.wireName = wireName;
    }

    String wireName() {
      return wireName;
    }
  }

  /**
   * @param linkHash the reset link to spend with the change (null: proven otherwise)
   * @param endSessions whether sessions end: every one on a reset, the others on a change if asked
   * @param keepSessionId the caller's session, kept on a change; null ends every session
   */
  record Replacement(RecoveryAccount account, String newHash, Via via, byte[] linkHash, boolean endSessions,
      String keepSessionId) {
    @Override
    public String toString() {
      return "Replacement[account=" + account.id() + ", via=" + via + "]";
    }
  }

  private final RecoveryStore store;
  private final SessionStore sessions;
  private final SessionEvents sessionEvents;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final OutgoingNotifications notifications;
  private final RedisAPI redis;
  private final Clock clock;

  PasswordReplacement(RecoveryStore store, SessionStore sessions, SessionEvents sessionEvents,
      EventPublisher publisher, SecurityEventFactory events, OutgoingNotifications notifications, RedisAPI redis,
      Clock clock) {
    this.store = store;
    this.sessions = sessions;
    this.sessionEvents = sessionEvents;
    this.publisher = publisher;
    this.events = events;
    this.notifications = notifications;
    this.redis = redis;
    this.clock = clock;
  }

  /** Fails with 410 invalid-token when the link was spent meanwhile (then nothing changed but sessions). */
  Future<Void> replace(Replacement change, RequestContext context) {
    UUID accountId = change.account().id();
    return endSessions(change)
        .compose(first -> store.pool().withTransaction(tx -> commit(tx, change, context))
            .recover(failure -> recordEnded(change, first, context).compose(v -> Future.failedFuture(failure)))
            .compose(v -> endSessions(change).otherwise(List.of()))
            .compose(second -> recordEnded(change, both(first, second), context)))
        .compose(v -> change.via() == Via.RESET ? clearGuard(accountId, context) : Future.<Void>succeededFuture())
        .compose(v -> tellOwner(change, context));
  }

  private Future<Void> recordEnded(Replacement change, List<String> ended, RequestContext context) {
    UUID accountId = change.account().id();
    return sessionEvents.revoked(accountId, ended, sessionEnd(change), accountId.toString(), context);
  }

  private static List<String> both(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private Future<List<String>> endSessions(Replacement change) {
    if (!change.endSessions()) {
      return Future.succeededFuture(List.of());
    }
    return sessions.endAll(change.account().id(), sessionEnd(change), change.keepSessionId(), clock.instant());
  }

  private Future<Void> commit(SqlClient tx, Replacement change, RequestContext context) {
    UUID accountId = change.account().id();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Future<Void> linkSpent = change.linkHash() == null ? Future.succeededFuture()
        : store.spendLink(tx, change.linkHash(), EmailLinks.RESET_PASSWORD, now)
            .compose(owner -> owner != null && owner.accountId().equals(accountId) ? Future.<Void>succeededFuture()
                : Future.failedFuture(RecoveryRequests.invalidToken()));
    return linkSpent
        // any other reset link still out there was asked for with the old password in mind
        .compose(v -> store.spendOpenLinks(tx, accountId, EmailLinks.RESET_PASSWORD, now))
        .compose(v -> store.setPassword(tx, accountId, change.newHash(), now))
        .compose(found -> found ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("account " + accountId + " vanished")))
        .compose(v -> publisher.publish(events.create(EventTypes.PASSWORD_CHANGED, accountId, accountId.toString(),
            null, context, Outcomes.SUCCESS, null, new JsonObject().put("via", change.via().wireName()))));
  }

  /**
   * The login path's own failure count for the account (the lockout consumer lifts the locks on
   * password.changed), so the first sign-in with the new password is not held back by old guesses.
   */
  private Future<Void> clearGuard(UUID accountId, RequestContext context) {
    return redis.del(List.of(RedisKeys.guardFailures(accountId.toString())))
        .<Void>mapEmpty()
        .recover(failure -> logged("guard state not cleared", accountId, context, failure));
  }

  private Future<Void> tellOwner(Replacement change, RequestContext context) {
    JsonObject data = new JsonObject()
        .put("when", clock.instant().toString())
        .put("ip", context.ip())
        .put("via", change.via().wireName());
    UUID accountId = change.account().id();
    return notifications.send(Notification.Templates.PASSWORD_CHANGED, Notification.EMAIL, accountId, null, null,
            null, data)
        .<Void>mapEmpty()
        .recover(failure -> logged("password-changed e-mail not sent", accountId, context, failure));
  }

  private static SessionEnd sessionEnd(Replacement change) {
    return change.via() == Via.RESET ? SessionEnd.PASSWORD_RESET : SessionEnd.OTHERS;
  }

  private static Future<Void> logged(String what, UUID accountId, RequestContext context, Throwable failure) {
    log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, context.requestId())
        .log("Request {}: after the password change of account {}: {}: {}", context.requestId(), accountId, what,
            failure.toString());
    return Future.succeededFuture();
  }
}
