package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One-time-code challenges in Redis: a code sent by e-mail or SMS (or, for an authenticator, none)
 * bound to one challenge, valid for a few minutes, spent by the right code, burned by too many wrong
 * ones, sent again at most a few times and not too often. Each decision is one Lua script, so
 * concurrent requests on a challenge never spend it twice. Only an HMAC of the code is stored; the
 * code itself travels sealed inside the notification message.
 */
final class CodeChallenges {
  /** What a challenge is for; the wire name appears in events and is stored with the challenge. */
  enum Purpose {
    LOGIN("login", Notification.Templates.LOGIN_CODE),
    STEP_UP("step-up", Notification.Templates.STEP_UP_CODE),
    PHONE("phone", Notification.Templates.PHONE_VERIFICATION_CODE),
    RESET("reset", Notification.Templates.PASSWORD_RESET_CODE);

    private final String wireName;
    private final String template;

    Purpose(String wireName, String template) {
      this.wireName = wireName;
      this.template = template;
    }

    String wireName() {
      return wireName;
    }

    String template() {
      return template;
    }
  }

  /**
   * A live challenge. expiresInSeconds counts from now; maskedDestination is null for totp;
   * attributes are what the issuer stored (e.g. the device of a login).
   */
  record Challenge(String id, UUID accountId, Purpose purpose, String channel, long expiresInSeconds,
      int resendsLeft, String maskedDestination, JsonObject attributes) {

    /** {challenge_id, channel, expires_in, destination?} as the API answers it. */
    JsonObject toReply() {
      JsonObject reply = new JsonObject().put("challenge_id", id).put("channel", channel)
          .put("expires_in", expiresInSeconds);
      if (maskedDestination != null) {
        reply.put("destination", maskedDestination);
      }
      return reply;
    }
  }

  /** The channel of an authenticator challenge: nothing is sent, the app shows the code. */
  static final String AUTHENTICATOR = SecondFactorStore.TOTP;
  static final String METRIC = "auth.mfa.challenges";
  /** Every value of the metric's {@code result} label, registered at zero so a fresh scrape holds them all. */
  static final List<String> RESULTS = List.of("issued", "verified", "failed", "burned", "expired", "refused");

  /** A challenge as Redis keeps it, with what a resend needs beside the public part. */
  private record Stored(Challenge challenge, String to, String locale) {
  }

  private final RedisAPI redis;
  private final SecondFactorConfig config;
  private final OneTimeCodes codes;
  private final SecondFactorStore store;
  private final AuthenticatorCodes authenticator;
  private final OutgoingNotifications notifications;
  private final SecondFactorEvents events;
  private final LoginGuard guard;
  private final MeterRegistry registry;
  private final Clock clock;

  CodeChallenges(RedisAPI redis, SecondFactorConfig config, OneTimeCodes codes, SecondFactorStore store,
      AuthenticatorCodes authenticator, OutgoingNotifications notifications, SecondFactorEvents events,
      LoginGuard guard, MeterRegistry registry, Clock clock) {
    this.redis = redis;
    this.config = config;
    this.codes = codes;
    this.store = store;
    this.authenticator = authenticator;
    this.notifications = notifications;
    this.events = events;
    this.guard = guard;
    this.registry = registry;
    this.clock = clock;
    RESULTS.forEach(this::counter);
  }

  /**
   * Creates the challenge and, for channel email or sms, sends the code through the notification
   * topic and records mfa.code_sent (channel, masked destination, purpose, challengeId; never the code).
   *
   * @param to the destination; null for the account's verified contact of the channel
   * @param locale null for the account's language
   * @param channel email, sms, or totp (nothing is sent; {@link #verify} then takes an authenticator or
   *     recovery code)
   */
  Future<Challenge> issue(UUID accountId, Purpose purpose, String channel, String to, String locale,
      JsonObject attributes, RequestContext context) {
    return issue(accountId, purpose, channel, to, locale, attributes, context, challenge -> Future.succeededFuture());
  }

  /**
   * As {@link #issue(UUID, Purpose, String, String, String, JsonObject, RequestContext)}, with
   * {@code beforeSending} run once the challenge is stored and before its code goes out: for a caller
   * whose client already holds another name for the challenge (a forgot-password reply's handle), so
   * the code can never arrive before that name leads to the challenge.
   */
  Future<Challenge> issue(UUID accountId, Purpose purpose, String channel, String to, String locale,
      JsonObject attributes, RequestContext context, Function<Challenge, Future<?>> beforeSending) {
    if (!List.of(Notification.EMAIL, Notification.SMS, AUTHENTICATOR).contains(channel)) {
      return Future.failedFuture(new IllegalArgumentException("unknown channel " + channel));
    }
    boolean sendsCode = !AUTHENTICATOR.equals(channel);
    Future<String> destination = sendsCode ? maskedDestination(accountId, channel, to) : Future.succeededFuture(null);
    return destination.compose(masked -> create(accountId, purpose, channel, to, locale, masked,
        attributes == null ? new JsonObject() : attributes, context, beforeSending));
  }

  /**
   * Spends the challenge on the right code. The check runs inside the login guard of the challenge's
   * subject (the login's device or account; a reset's own budget), so a locked account's challenges
   * take no more codes and guesses spread over many challenges share one bound. A wrong code answers
   * 401 invalid-code with attemptsLeft and records login.failed with reason bad_code (the account's,
   * so lockout counts it); the last allowed wrong code burns the challenge (mfa.challenge_burned).
   * Expired, burned, spent, unknown or of another purpose: 410 challenge-expired.
   */
  Future<Challenge> verify(String challengeId, Purpose expected, String code, RequestContext context) {
    return verify(challengeId, expected, code, context, "code");
  }

  /**
   * As {@link #verify}, but a right code leaves the challenge live, for a caller with more to check
   * first (the authenticator code of a reset): it then uses the challenge up with {@link #spend}.
   */
  Future<Challenge> check(String challengeId, Purpose expected, String code, RequestContext context) {
    return verify(challengeId, expected, code, context, "peek");
  }

  /** Uses up a challenge whose code {@link #check} found right; 410 when a concurrent request used it first. */
  Future<Void> spend(String challengeId, Purpose expected) {
    return runCheck(challengeId, expected, "accept", "-")
        .compose(reply -> "OK".equals(reply.get(0).toString()) ? Future.<Void>succeededFuture()
            : Future.failedFuture(expired()));
  }

  private Future<Challenge> verify(String challengeId, Purpose expected, String code, RequestContext context,
      String mode) {
    if (!OneTimeCodes.looksLikeChallengeId(challengeId) || code == null) {
      return Future.failedFuture(expired());
    }
    String normalised = OneTimeCodes.normalise(code);
    String presentedHash = normalised == null ? "-" : codes.hash(challengeId, normalised);
    return subjectOf(challengeId, expected).compose(subject -> subject == null ? Future.failedFuture(expired())
        : guard.check(subject, context,
                expected == Purpose.LOGIN ? LoginGuard.OnRight.CLEAR_FAILURES : LoginGuard.OnRight.KEEP_FAILURES,
                () -> compare(challengeId, expected, mode, presentedHash, code, context), CodeChallenges::judge)
            .compose(reply -> verdict(challengeId, expected, reply, context)));
  }

  /** Whose budget a code for this challenge spends; null when there is no such live challenge. */
  private Future<LoginSubject> subjectOf(String challengeId, Purpose expected) {
    return redis.hmget(List.of(RedisKeys.challenge(challengeId), "accountId", "purpose", "attributes"))
        .map(fields -> {
          if (fields.get(0) == null || fields.get(1) == null || !expected.wireName().equals(fields.get(1).toString())) {
            return null;
          }
          UUID accountId = UUID.fromString(fields.get(0).toString());
          String deviceId = expected == Purpose.LOGIN && fields.get(2) != null
              ? attributes(fields.get(2).toString()).getString(SecondFactorLogin.DEVICE_ID) : null;
          return switch (expected) {
            case RESET -> LoginSubject.resetCodes(accountId.toString(), accountId);
            case LOGIN -> deviceId == null ? LoginSubject.account(accountId) : LoginSubject.device(accountId, deviceId);
            default -> LoginSubject.account(accountId);
          };
        });
  }

  private Future<Response> compare(String challengeId, Purpose expected, String mode, String presentedHash,
      String code, RequestContext context) {
    return runCheck(challengeId, expected, mode, presentedHash)
        .compose(reply -> "AUTHENTICATOR".equals(reply.get(0).toString())
            ? authenticator.accept(UUID.fromString(reply.get(1).toString()), code, context)
                .compose(right -> runCheck(challengeId, expected, right ? "accept" : "reject", "-"))
            : Future.succeededFuture(reply));
  }

  private static LoginGuard.Verdict judge(Response reply) {
    return switch (reply.get(0).toString()) {
      case "OK" -> LoginGuard.Verdict.RIGHT;
      case "BAD" -> LoginGuard.Verdict.WRONG;
      default -> LoginGuard.Verdict.NONE;
    };
  }

  /**
   * Sends a new code for the same challenge (its expiry does not move). 429 rate-limited with
   * Retry-After inside the cooldown or once the resends are used up; 410 challenge-expired when gone.
   */
  Future<Challenge> resend(String challengeId, RequestContext context) {
    if (!OneTimeCodes.looksLikeChallengeId(challengeId)) {
      return Future.failedFuture(expired());
    }
    String code = codes.newCode();
    long now = clock.millis();
    // the budgets to spend are the challenge's account's and destination's: read first, and held to that
    // account inside the script
    return redis.hmget(List.of(RedisKeys.challenge(challengeId), "accountId", "to"))
        .compose(found -> found.get(0) == null ? Future.failedFuture(expired())
            : ChallengeScripts.RESEND.run(redis,
                budgetedKeys(RedisKeys.challenge(challengeId), found.get(0).toString(),
                    found.get(1) == null ? null : found.get(1).toString()),
                List.of(Integer.toString(config.codeSendLimit()), Long.toString(config.codeSendWindow().toMillis()),
                    Long.toString(now), codes.hash(challengeId, code), Integer.toString(config.maxResends()),
                    Long.toString(config.resendCooldown().toMillis()), found.get(0).toString())))
        .compose(reply -> switch (reply.get(0).toString()) {
          case "OK" -> {
            Stored stored = stored(challengeId, reply, now);
            yield send(stored.challenge(), code, stored.to(), stored.locale(), context).map(stored.challenge());
          }
          case "COOLDOWN" -> Future.failedFuture(tooSoon("Wait before asking for another code.",
              reply.get(1).toLong()));
          case "LIMIT" -> Future.failedFuture(tooSoon(
              "No more codes can be sent for this sign-in. Use the last code or start again.", reply.get(1).toLong()));
          case "BUDGET" -> budgetSpent(UUID.fromString(reply.get(2).toString()), reply.get(4).toString(),
              reply.get(3).toString(), reply.get(1).toLong(), context);
          case "NO_CODE" -> Future.failedFuture(new ProblemException(ProblemType.VALIDATION_FAILED,
              "Nothing is sent for an authenticator challenge: use the code your authenticator app shows."));
          default -> Future.failedFuture(expired());
        });
  }

  private Future<String> maskedDestination(UUID accountId, String channel, String to) {
    if (to != null) {
      return Future.succeededFuture(Destinations.mask(channel, to));
    }
    return store.find(accountId).compose(account -> {
      boolean email = Notification.EMAIL.equals(channel);
      String contact = account == null ? null : email ? account.email() : account.phone();
      boolean verified = account != null && (email ? account.emailVerified() : account.phoneVerified());
      if (contact == null || !verified) {
        return Future.failedFuture(new ProblemException(email ? ProblemType.EMAIL_NOT_VERIFIED
            : ProblemType.VALIDATION_FAILED, "There is no verified " + (email ? "e-mail address" : "phone number")
            + " to send a code to."));
      }
      return Future.succeededFuture(Destinations.mask(channel, contact));
    });
  }

  private Future<Challenge> create(UUID accountId, Purpose purpose, String channel, String to, String locale,
      String masked, JsonObject attributes, RequestContext context, Function<Challenge, Future<?>> beforeSending) {
    String id = codes.newChallengeId();
    String code = masked == null ? null : codes.newCode();
    long now = clock.millis();
    long ttlMillis = config.codeTtl().toMillis();
    List<String> args = new ArrayList<>(List.of(Long.toString(ttlMillis),
        "accountId", accountId.toString(), "purpose", purpose.wireName(), "channel", channel,
        "codeHash", code == null ? "" : codes.hash(id, code), "attempts", "0", "resends", "0",
        "lastSentAt", Long.toString(now), "expiresAt", Long.toString(now + ttlMillis),
        "destination", masked == null ? "" : masked, "to", to == null ? "" : to,
        "locale", locale == null ? "" : locale, "attributes", attributes.encode()));
    Challenge challenge = new Challenge(id, accountId, purpose, channel, config.codeTtl().toSeconds(),
        code == null ? 0 : config.maxResends(), masked, attributes.copy());
    List<String> budgeted = new ArrayList<>(List.of(Integer.toString(config.codeSendLimit()),
        code == null ? "0" : Long.toString(config.codeSendWindow().toMillis())));
    budgeted.addAll(args);
    return ChallengeScripts.CREATE.run(redis, budgetedKeys(RedisKeys.challenge(id), accountId.toString(), to), budgeted)
        .compose(created -> "BUDGET".equals(created.get(0).toString())
            ? budgetSpent(accountId, purpose.wireName(), channel, created.get(1).toLong(), context)
            : Future.succeededFuture())
        .compose(created -> beforeSending.apply(challenge))
        .compose(ready -> code == null ? Future.succeededFuture()
            : send(challenge, code, to, locale, context))
        .onSuccess(v -> count("issued"))
        .map(challenge);
  }

  private Future<Void> send(Challenge challenge, String code, String to, String locale, RequestContext context) {
    JsonObject data = new JsonObject().put("expiresInMinutes", Math.max(1, (challenge.expiresInSeconds() + 59) / 60));
    return notifications.send(challenge.purpose().template(), challenge.channel(), challenge.accountId(), locale, to,
            new JsonObject().put("code", code), data)
        .compose(messageId -> events.record(EventTypes.MFA_CODE_SENT, challenge.accountId(), null, null,
            new JsonObject().put("channel", challenge.channel()).put("destination", challenge.maskedDestination())
                .put("purpose", challenge.purpose().wireName()).put("challengeId", challenge.id()), context));
  }

  private Future<Response> runCheck(String challengeId, Purpose expected, String mode, String presentedHash) {
    return ChallengeScripts.CHECK.run(redis, List.of(RedisKeys.challenge(challengeId)),
        List.of(Long.toString(clock.millis()), expected.wireName(), mode, presentedHash,
            Integer.toString(config.maxAttempts())));
  }

  private Future<Challenge> verdict(String challengeId, Purpose purpose, Response reply, RequestContext context) {
    return switch (reply.get(0).toString()) {
      case "OK" -> {
        count("verified");
        yield Future.succeededFuture(stored(challengeId, reply, clock.millis()).challenge());
      }
      case "BAD" -> wrongCode(challengeId, purpose, reply.get(1).toInteger(), UUID.fromString(reply.get(2).toString()),
          attributes(reply.get(3).toString()), context);
      default -> {
        if ("expired".equals(reply.get(1).toString())) {
          count("expired");
        }
        yield Future.failedFuture(expired());
      }
    };
  }

  private Future<Challenge> wrongCode(String challengeId, Purpose purpose, int attemptsLeft, UUID accountId,
      JsonObject attributes, RequestContext context) {
    boolean burned = attemptsLeft == 0;
    count(burned ? "burned" : "failed");
    String deviceId = purpose == Purpose.LOGIN ? attributes.getString(SecondFactorLogin.DEVICE_ID) : null;
    Problem problem = wrongCodeProblem(attemptsLeft);
    return events.badCode(accountId, deviceId, purpose.wireName(), challengeId, context)
        .compose(v -> burned ? events.record(EventTypes.MFA_CHALLENGE_BURNED, accountId, null, null,
            new JsonObject().put("challengeId", challengeId).put("purpose", purpose.wireName()), context)
            : Future.succeededFuture())
        .compose(v -> Future.failedFuture(new ProblemException(problem)));
  }

  private Stored stored(String challengeId, Response reply, long now) {
    long expiresAt = Long.parseLong(reply.get(3).toString());
    int resends = Integer.parseInt(reply.get(4).toString());
    String channel = reply.get(2).toString();
    String destination = reply.get(5).toString();
    Challenge challenge = new Challenge(challengeId, UUID.fromString(reply.get(1).toString()),
        purposeOf(reply.get(9).toString()), channel, Math.max(0, (expiresAt - now + 999) / 1000),
        AUTHENTICATOR.equals(channel) ? 0 : Math.max(0, config.maxResends() - resends),
        destination.isEmpty() ? null : destination, attributes(reply.get(6).toString()));
    String to = reply.get(7).toString();
    String locale = reply.get(8).toString();
    return new Stored(challenge, to.isEmpty() ? null : to, locale.isEmpty() ? null : locale);
  }

  private static Purpose purposeOf(String wireName) {
    for (Purpose purpose : Purpose.values()) {
      if (purpose.wireName().equals(wireName)) {
        return purpose;
      }
    }
    throw new IllegalStateException("a challenge with an unknown purpose");
  }

  private static JsonObject attributes(String encoded) {
    return encoded == null || encoded.isEmpty() ? new JsonObject() : new JsonObject(encoded);
  }

  /** The answer to a wrong code with this many tries left (0: the challenge is burned now). */
  static Problem wrongCodeProblem(int attemptsLeft) {
    return Problem.of(ProblemType.INVALID_CODE, attemptsLeft == 0
            ? "The code is not correct. Too many wrong codes: this code can no longer be used; start again."
            : "The code is not correct.")
        .withExtension("attemptsLeft", attemptsLeft);
  }

  /** How long a challenge lives and how many wrong codes it takes: a stand-in must behave alike. */
  Duration codeTtl() {
    return config.codeTtl();
  }

  int maxAttempts() {
    return config.maxAttempts();
  }

  static ProblemException expired() {
    return new ProblemException(ProblemType.CHALLENGE_EXPIRED,
        "This code has expired or can no longer be used. Start again to get a new one.");
  }

  /**
   * The challenge's key and the send budgets a code for it counts against: the account's always, and
   * the destination's when it was given explicitly (a number being verified, which any account may name).
   */
  private List<String> budgetedKeys(String challengeKey, String accountId, String to) {
    List<String> keys = new ArrayList<>(List.of(challengeKey, RedisKeys.codeSends(accountId)));
    if (to != null && !to.isEmpty()) {
      keys.add(RedisKeys.codeSendsTo(codes.destinationHash(to)));
    }
    return keys;
  }

  /**
   * The account's codes for the window are all sent (or, for a number being verified, that number's),
   * so the SMS and e-mail one account, or many accounts together at one number, can cause (SMS pumping
   * through phone verification, a client stuck in a loop) stay bounded: recorded for the security team,
   * answered 429 with the window's end as Retry-After.
   */
  private <T> Future<T> budgetSpent(UUID accountId, String purpose, String channel, long waitMillis,
      RequestContext context) {
    count("refused");
    return events.refused(EventTypes.MFA_CODE_REFUSED, accountId, Outcomes.REASON_THROTTLED,
            new JsonObject().put("purpose", purpose).put("channel", channel), context)
        .compose(v -> Future.failedFuture(tooSoon("Too many codes were sent recently, to this account or to this "
            + "destination. Try again later.", waitMillis)));
  }

  private static ProblemException tooSoon(String detail, long waitMillis) {
    return new ProblemException(Problem.of(ProblemType.RATE_LIMITED, detail)
        .withRetryAfter(Math.max(1, (waitMillis + 999) / 1000)));
  }

  private void count(String result) {
    counter(result).increment();
  }

  private Counter counter(String result) {
    return Counter.builder(METRIC).description("One-time-code challenges, by what happened to them")
        .tag("result", result).register(registry);
  }
}
