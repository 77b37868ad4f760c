package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgotten passwords. A request is answered at once with the same body whatever the identifier,
 * and the work (lookup, throttle, link or code) happens after the reply, so neither the answer nor
 * its timing tells whether an account exists. A link goes only to a verified e-mail, a code only to
 * a verified phone; every request is recorded as password.reset_requested with what came of it.
 *
 * <p>A reset by SMS code needs the challenge id, which cannot be known before the reply: the reply
 * carries a handle of the same shape for every request with channel sms, and the handle is bound to
 * the real challenge once it exists. When no code is sent (unknown identifier, no verified phone,
 * throttled) it is bound to a stand-in that answers wrong codes the same way, so the reset step does
 * not reveal what the forgot step hid.
 */
final class PasswordResetService {
  private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);
  static final String ACCEPTED = "accepted";
  private static final int HANDLE_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The collaborators of a reset that belong to the second factor. */
  record SecondFactor(CodeChallenges challenges, SecondFactorCheck check, LoginGuard guard,
      SecondFactorEvents events) {
  }

  /** What a handle is bound to when no code was sent: "decoy " and the subject key of the request. */
  static final String DECOY = "decoy";

  private final Vertx vertx;
  private final AccountStore accounts;
  private final RecoveryStore store;
  private final SubjectKeys subjectKeys;
  private final PasswordHasher hasher;
  private final PasswordReplacement replacement;
  private final SecondFactor secondFactor;
  private final OutgoingNotifications notifications;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final RedisAPI redis;
  private final AccountRecoveryConfig config;
  private final Clock clock;

  PasswordResetService(Vertx vertx, AccountStore accounts, RecoveryStore store, SubjectKeys subjectKeys,
      PasswordHasher hasher, PasswordReplacement replacement, SecondFactor secondFactor,
      OutgoingNotifications notifications, EventPublisher publisher, SecurityEventFactory events, RedisAPI redis,
      AccountRecoveryConfig config, Clock clock) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.store = store;
    this.subjectKeys = subjectKeys;
    this.hasher = hasher;
    this.replacement = replacement;
    this.secondFactor = secondFactor;
    this.notifications = notifications;
    this.publisher = publisher;
    this.events = events;
    this.redis = redis;
    this.config = config;
    this.clock = clock;
  }

  /**
   * identity.password.forgot: {identifier, channel?} -> {status: "accepted"} (with channel sms also
   * {challenge_id, resend_after}), always; 400 only for a malformed request. resend_after is the
   * throttle setting, the same for every request, so a page knows when asking again can send a new code.
   */
  Future<JsonObject> forgot(JsonObject body) {
    RecoveryRequests.Forgot request = RecoveryRequests.forgot(body);
    RequestContext context = RequestContext.of(body);
    JsonObject reply = new JsonObject().put("status", ACCEPTED);
    String handle = Notification.SMS.equals(request.channel()) ? newHandle() : null;
    if (handle != null) {
      reply.put("challenge_id", handle).put("resend_after", config.resetThrottle().toSeconds());
    }
    vertx.getOrCreateContext().runOnContext(v -> requested(request, handle, context)
        .onFailure(failure -> log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, context.requestId())
            .log("Request {}: password reset request not completed: {}", context.requestId(), reason(failure))));
    return Future.succeededFuture(reply);
  }

  /**
   * identity.password.reset: {token | challenge_id + code, new_password, second_factor?} -> {}. An
   * account with an authenticator must also give one of its codes (or a recovery code).
   */
  Future<JsonObject> reset(JsonObject body) {
    RecoveryRequests.Reset request = RecoveryRequests.reset(body);
    RequestContext context = RequestContext.of(body);
    Future<Proof> proof = request.byLink() ? proveByLink(request.token()) : proveByCode(request, context);
    return proof
        .compose(owner -> store.findAccount(owner.accountId()).compose(account -> usable(account, owner)))
        .compose(owner -> {
          RecoveryAccount account = owner.account();
          PasswordPolicy.enforce("new_password", request.newPassword(), account.username(), account.email());
          return secondFactorOf(account, request.secondFactor(), context).map(owner);
        })
        .compose(owner -> hasher.hash(request.newPassword())
            .compose(hash -> spendCode(owner).compose(v -> replacement.replace(new PasswordReplacement.Replacement(
                owner.account(), hash, PasswordReplacement.Via.RESET, owner.linkHash(), true, null), context))))
        .map(v -> new JsonObject());
  }

  // --- forgot, after the reply ---

  private Future<Void> requested(RecoveryRequests.Forgot request, String handle, RequestContext context) {
    return accounts.findCredentials(request.identifier())
        .compose(found -> found == null ? Future.succeededFuture(null) : store.findAccount(found.accountId()))
        .compose(account -> {
          if (account != null) {
            return forAccount(request, account, handle, context);
          }
          String subjectKey = subjectKeys.forUnknown(request.identifier());
          return bindDecoy(handle, subjectKey).compose(v -> record(request, subjectKey, null, context,
              Outcomes.REJECTED, Outcomes.REASON_UNKNOWN_IDENTIFIER, null));
        });
  }

  private Future<Void> forAccount(RecoveryRequests.Forgot request, RecoveryAccount account, String handle,
      RequestContext context) {
    boolean bySms = Notification.SMS.equals(request.channel());
    if (!account.active()) {
      return rejected(request, account, handle, context, Outcomes.REASON_ACCOUNT_DISABLED);
    }
    if (bySms ? account.phone() == null || !account.phoneVerified() : !account.emailVerified()) {
      return rejected(request, account, handle, context, Outcomes.REASON_UNVERIFIED);
    }
    return claimThrottle(account.id())
        .compose(claimed -> {
          if (!claimed) {
            return rejected(request, account, handle, context, Outcomes.REASON_THROTTLED);
          }
          if (!bySms) {
            return sendLink(account).compose(destination -> record(request, account.id().toString(), account.id(),
                context, Outcomes.SUCCESS, null, destination));
          }
          // the account's code budget spent (codes of every purpose count): a throttled request like any other
          return sendCode(account, handle, context).transform(sent -> sent.succeeded()
              ? record(request, account.id().toString(), account.id(), context, Outcomes.SUCCESS, null, sent.result())
              : sent.cause() instanceof ProblemException refused && refused.problem().type() == ProblemType.RATE_LIMITED
                  ? rejected(request, account, handle, context, Outcomes.REASON_THROTTLED)
                  : Future.failedFuture(sent.cause()));
        });
  }

  /** SET NX with expiry: true for the first request of the account in the throttle time. */
  private Future<Boolean> claimThrottle(UUID accountId) {
    return redis.set(List.of(RedisKeys.resetThrottle(accountId.toString()), Long.toString(clock.millis()), "NX",
            "EX", Long.toString(config.resetThrottle().toSeconds())))
        .map(reply -> reply != null);
  }

  /** @return the masked destination */
  private Future<String> sendLink(RecoveryAccount account) {
    EmailLinks.LinkToken link = EmailLinks.generate();
    Instant now = clock.instant();
    JsonObject secret = new JsonObject().put("link", config.link(EmailLinks.RESET_PASSWORD_PATH, link.token()));
    JsonObject data = new JsonObject().put("expiresInMinutes", config.resetLinkTtl().toMinutes());
    return store.insertLink(store.pool(), link.hash(), account.id(), EmailLinks.RESET_PASSWORD, account.email(), now,
            now.plus(config.resetLinkTtl()))
        .compose(v -> notifications.send(Notification.Templates.PASSWORD_RESET_LINK, Notification.EMAIL, account.id(),
            null, null, secret, data))
        .map(messageId -> Destinations.maskEmail(account.email()));
  }

  /**
   * @return the masked destination. The handle of the reply is bound to the challenge before the code
   *     goes out: the requester holds the handle already, and a code that arrived first would be refused.
   */
  private Future<String> sendCode(RecoveryAccount account, String handle, RequestContext context) {
    return secondFactor.challenges()
        .issue(account.id(), CodeChallenges.Purpose.RESET, Notification.SMS, null, null, new JsonObject(), context,
            challenge -> redis.set(List.of(handleKey(handle), challenge.id(), "EX",
                Long.toString(Math.max(1, challenge.expiresInSeconds())))))
        .map(CodeChallenges.Challenge::maskedDestination);
  }

  private Future<Void> rejected(RecoveryRequests.Forgot request, RecoveryAccount account, String handle,
      RequestContext context, String reason) {
    return bindDecoy(handle, account.id().toString())
        .compose(v -> record(request, account.id().toString(), account.id(), context, Outcomes.REJECTED, reason, null));
  }

  /**
   * When no code was sent, the handle still stands for a challenge: a stand-in that takes wrong codes
   * exactly like a real one (the same guard budget, a bad_code event, attempts left, then burned), so
   * neither the answers nor the work behind them tell anybody whether the account exists or has a
   * verified phone.
   *
   * @param subjectKey the account id, or the HMAC of an identifier that matched nothing
   */
  private Future<Void> bindDecoy(String handle, String subjectKey) {
    if (handle == null) {
      return Future.succeededFuture();
    }
    return redis.set(List.of(handleKey(handle), DECOY + " " + subjectKey, "EX",
        Long.toString(secondFactor.challenges().codeTtl().toSeconds()))).mapEmpty();
  }

  private Future<Proof> decoyAttempt(String handle, String subjectKey, RequestContext context) {
    UUID accountId = subjectKey.startsWith(SubjectKeys.UNKNOWN_PREFIX) ? null : UUID.fromString(subjectKey);
    String tries = decoyTriesKey(handle);
    int maxAttempts = secondFactor.challenges().maxAttempts();
    return secondFactor.guard().check(LoginSubject.resetCodes(subjectKey, accountId), context,
            LoginGuard.OnRight.KEEP_FAILURES,
            () -> redis.incr(tries).compose(count -> redis.expire(List.of(tries,
                Long.toString(secondFactor.challenges().codeTtl().toSeconds()))).map(count.toInteger())),
            count -> count > maxAttempts ? LoginGuard.Verdict.NONE : LoginGuard.Verdict.WRONG)
        .compose(count -> count > maxAttempts ? Future.failedFuture(CodeChallenges.expired())
            : secondFactor.events().badCode(accountId, subjectKey, null, CodeChallenges.Purpose.RESET.wireName(),
                    handle, context)
                .compose(event -> Future.failedFuture(
                    new ProblemException(CodeChallenges.wrongCodeProblem(maxAttempts - count)))));
  }

  private Future<Void> record(RecoveryRequests.Forgot request, String subjectKey, UUID accountId,
      RequestContext context, String outcome, String reason, String destination) {
    JsonObject details = new JsonObject().put("channel", request.channel());
    if (destination != null) {
      details.put("destination", destination);
    }
    return publisher.publish(events.create(EventTypes.PASSWORD_RESET_REQUESTED, accountId, subjectKey,
        request.identifier().kind().wireName(), context, outcome, reason, details));
  }

  // --- reset ---

  /**
   * Who the reset is for, and what to use up with it: the link (spent with the new password, in the same
   * transaction) or the code's challenge (spent just before).
   */
  private record Proof(UUID accountId, byte[] linkHash, String challengeId, RecoveryAccount account) {
    Proof withAccount(RecoveryAccount found) {
      return new Proof(accountId, linkHash, challengeId, found);
    }
  }

  /** Looks the link up without spending it: it is spent with the new password, so a refusal keeps it usable. */
  private Future<Proof> proveByLink(String token) {
    if (!EmailLinks.wellFormed(token)) {
      return Future.failedFuture(RecoveryRequests.invalidToken());
    }
    byte[] hash = EmailLinks.hash(token);
    return store.findLiveLink(hash, EmailLinks.RESET_PASSWORD, clock.instant())
        .compose(owner -> owner == null ? Future.failedFuture(RecoveryRequests.invalidToken())
            : Future.succeededFuture(new Proof(owner.accountId(), hash, null, null)));
  }

  /**
   * The code is checked without using the challenge up: it is spent only once everything else passed
   * (the authenticator code of an account that has one, the hashing of the new password), so a missing
   * authenticator code or a busy moment does not cost the person their SMS code. The rules that need no
   * account are checked first.
   */
  private Future<Proof> proveByCode(RecoveryRequests.Reset request, RequestContext context) {
    PasswordPolicy.enforce("new_password", request.newPassword(), null, null);
    return redis.get(handleKey(request.challengeId()))
        .map(bound -> bound == null ? request.challengeId() : bound.toString())
        .compose(bound -> bound.startsWith(DECOY + " ")
            ? decoyAttempt(request.challengeId(), bound.substring(DECOY.length() + 1), context)
            : secondFactor.challenges().check(bound, CodeChallenges.Purpose.RESET, request.code(), context)
                .map(challenge -> new Proof(challenge.accountId(), null, challenge.id(), null)));
  }

  private Future<Void> spendCode(Proof proof) {
    return proof.challengeId() == null ? Future.succeededFuture()
        : secondFactor.challenges().spend(proof.challengeId(), CodeChallenges.Purpose.RESET);
  }

  private static Future<Proof> usable(RecoveryAccount account, Proof proof) {
    if (account == null) {
      return Future.failedFuture(RecoveryRequests.invalidToken());
    }
    if (!account.active()) {
      return Future.failedFuture(new ProblemException(ProblemType.ACCOUNT_DISABLED,
          "This account has been disabled. Contact support."));
    }
    return Future.succeededFuture(proof.withAccount(account));
  }

  /** A reset does not bypass an authenticator: its code, or a recovery code, must come with it. */
  private Future<Void> secondFactorOf(RecoveryAccount account, String code, RequestContext context) {
    if (!account.usesAuthenticator()) {
      return Future.succeededFuture();
    }
    if (code == null) {
      return Future.failedFuture(new ProblemException(
          dev.portal.login.contracts.Problem.of(ProblemType.STEP_UP_REQUIRED,
                  "This account uses an authenticator app: give its current code, or a recovery code, "
                      + "as second_factor.")
              .withExtension("required", "second-factor")));
    }
    return secondFactor.check().verifyAuthenticatorOrRecovery(account.id(), code, context);
  }

  private static String newHandle() {
    byte[] bytes = new byte[HANDLE_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** String with expiry: the challenge a forgot-password reply's handle stands for, or {@value #DECOY}. */
  static String handleKey(String handle) {
    return RedisKeys.resetHandle(handle);
  }

  /** Counter with expiry: wrong codes given against a stand-in challenge. */
  static String decoyTriesKey(String handle) {
    return RedisKeys.resetHandle(handle) + ":tries";
  }

  private static String reason(Throwable failure) {
    return failure instanceof ProblemException problem ? problem.problem().type().slug()
        : failure.getClass().getSimpleName();
  }
}
