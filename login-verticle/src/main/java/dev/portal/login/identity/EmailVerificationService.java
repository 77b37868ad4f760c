package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Proves that a person can read the e-mail address of their account: a single-use link, valid for
 * a day by default, sent at registration and on request. Only a verified address receives reset
 * links and codes, so a typo at registration cannot hand the account to a stranger.
 */
final class EmailVerificationService {
  private final RecoveryStore store;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final OutgoingNotifications notifications;
  private final AccountRecoveryConfig config;
  private final RedisAPI redis;
  private final Clock clock;

  EmailVerificationService(RecoveryStore store, EventPublisher publisher, SecurityEventFactory events,
      OutgoingNotifications notifications, AccountRecoveryConfig config, RedisAPI redis, Clock clock) {
    this.redis = redis;
    this.store = store;
    this.publisher = publisher;
    this.events = events;
    this.notifications = notifications;
    this.config = config;
    this.clock = clock;
  }

  /** Stores a new link inside the caller's transaction; its token is sent once the transaction committed. */
  Future<EmailLinks.LinkToken> createLink(SqlClient client, UUID accountId, String email) {
    EmailLinks.LinkToken link = EmailLinks.generate();
    Instant now = clock.instant();
    return store.insertLink(client, link.hash(), accountId, EmailLinks.VERIFY_EMAIL, email, now,
            now.plus(config.emailVerificationTtl()))
        .map(link);
  }

  /** Sends the link to {@code email} and records that it was sent (masked address only). */
  Future<Void> send(UUID accountId, String email, EmailLinks.LinkToken link, RequestContext context) {
    JsonObject secret = new JsonObject().put("link", config.link(EmailLinks.VERIFY_EMAIL_PATH, link.token()));
    JsonObject data = new JsonObject().put("expiresInHours", config.emailVerificationTtl().toHours());
    return notifications.send(Notification.Templates.EMAIL_VERIFICATION, Notification.EMAIL, accountId, null, email,
            secret, data)
        .compose(messageId -> publisher.publish(events.create(EventTypes.EMAIL_VERIFICATION_SENT, accountId,
            accountId.toString(), null, context, Outcomes.SUCCESS, null, new JsonObject()
                .put("channel", Notification.EMAIL)
                .put("destination", Destinations.maskEmail(email)))));
  }

  /**
   * identity.email.verify: {token} -> {}. The link is spent and the address marked verified in one
   * transaction that commits only once {@code account.email_verified} is acknowledged.
   */
  Future<JsonObject> verify(JsonObject body) {
    String token = RecoveryRequests.linkToken(body);
    RequestContext context = RequestContext.of(body);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return store.pool().withTransaction(tx -> store.spendLink(tx, EmailLinks.hash(token), EmailLinks.VERIFY_EMAIL, now)
            .compose(owner -> owner == null ? Future.failedFuture(RecoveryRequests.invalidToken())
                : markVerified(tx, owner, now))
            .compose(owner -> publisher.publish(events.create(EventTypes.EMAIL_VERIFIED, owner.accountId(),
                owner.accountId().toString(), null, context, Outcomes.SUCCESS, null,
                new JsonObject().put("destination", Destinations.maskEmail(owner.email()))))))
        .map(v -> new JsonObject());
  }

  /** identity.email.verification-send: {accountId} -> {} (202), or 409 when the address is verified already. */
  Future<JsonObject> sendAgain(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    RequestContext context = RequestContext.of(body);
    return store.findAccount(accountId)
        .compose(account -> {
          if (account == null) {
            return Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "No such account."));
          }
          if (account.emailVerified()) {
            return Future.failedFuture(new ProblemException(ProblemType.CONFLICT,
                "Your e-mail address is verified already."));
          }
          return createLink(store.pool(), accountId, account.email())
              .compose(link -> send(accountId, account.email(), link, context));
        })
        .map(v -> new JsonObject());
  }

  /**
   * After the right password of an account refused for its unverified address: a new link, at most
   * one per account in {@link AccountRecoveryConfig#verificationResendInterval()}, so a person whose
   * link expired or got lost (and an operator's bootstrap administrator) can still get in, without
   * the sign-in form becoming a way to flood someone's mailbox.
   */
  Future<Void> sendAfterRefusedLogin(UUID accountId, RequestContext context) {
    return redis.set(List.of(RedisKeys.emailVerificationThrottle(accountId.toString()), "1", "NX", "EX",
            Long.toString(config.verificationResendInterval().toSeconds())))
        .compose(claimed -> claimed == null ? Future.succeededFuture()
            : store.findAccount(accountId).compose(account -> account == null || account.emailVerified()
                ? Future.succeededFuture()
                : createLink(store.pool(), accountId, account.email())
                    .compose(link -> send(accountId, account.email(), link, context))));
  }

  // the address may have changed since the link was sent: then the link proves nothing
  private Future<RecoveryStore.LinkOwner> markVerified(SqlClient tx, RecoveryStore.LinkOwner owner, Instant now) {
    return store.markEmailVerified(tx, owner.accountId(), owner.email(), now)
        .compose(marked -> marked ? Future.succeededFuture(owner)
            : Future.failedFuture(RecoveryRequests.invalidToken()));
  }
}
