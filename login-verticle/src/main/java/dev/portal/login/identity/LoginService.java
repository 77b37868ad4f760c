package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password login. Every attempt is recorded in Kafka before it is answered: a failure must reach
 * lockout counting and a success is never granted unaudited, so an unacknowledged event means 503.
 * Unknown identifiers and wrong passwords get the same 401 after the same amount of hashing work.
 * An account with a second factor gets a challenge instead of a session ({@link SecondFactorLogin}).
 */
final class LoginService {
  private static final Logger log = LoggerFactory.getLogger(LoginService.class);
  /** The request and reply member carrying a device token; the gateway also keeps it in a cookie. */
  static final String DEVICE_TOKEN = SessionOpener.DEVICE_TOKEN;
  private static final String DEVICE_ID = SessionOpener.DEVICE_ID;
  /** The reply member that says a second factor is asked for instead of tokens. */
  static final String MFA_REQUIRED = "mfa_required";
  static final String LOGIN_DURATION = "auth.login.duration";
  /** Latency buckets for a login that takes tens of milliseconds, most of them spent hashing. */
  private static final Duration[] LATENCY_OBJECTIVES = {Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500)};

  private final EmailVerificationService verification;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final SessionOpener sessionOpener;
  private final EventPublisher publisher;
  private final SubjectKeys subjectKeys;
  private final SecurityEventFactory events;
  private final MeterRegistry registry;
  private final Clock clock;
  private final LoginGuard guard;
  private final DeviceTokens deviceTokens;
  private final SecondFactorLogin secondFactor;
  private final SecondFactorConfig.Requirement requirement;
  private final boolean requiresVerifiedEmail;

  LoginService(AccountStore accounts, PasswordHasher hasher, SessionOpener sessionOpener, EventPublisher publisher,
      SubjectKeys subjectKeys, SecurityEventFactory events, MeterRegistry registry, Clock clock, LoginGuard guard,
      DeviceTokens deviceTokens, SecondFactorLogin secondFactor, SecondFactorConfig secondFactorConfig,
      AccountRecoveryConfig recovery, EmailVerificationService verification) {
    this.verification = verification;
    this.guard = guard;
    this.deviceTokens = deviceTokens;
    this.accounts = accounts;
    this.hasher = hasher;
    this.sessionOpener = sessionOpener;
    this.secondFactor = secondFactor;
    this.requirement = secondFactorConfig.requirement();
    this.requiresVerifiedEmail = recovery.loginRequiresVerifiedEmail();
    this.publisher = publisher;
    this.subjectKeys = subjectKeys;
    this.events = events;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * identity.login: {identifier, password, device_token?} -> {access_token, token_type, expires_in,
   * refresh_token, device_token}, or {mfa_required: true, challenge_id, channel, expires_in, destination?}.
   */
  Future<JsonObject> login(JsonObject body) {
    RequestContext context = RequestContext.of(body);
    String deviceToken = body.getValue(DEVICE_TOKEN) instanceof String token ? token : null;
    Timer.Sample started = Timer.start(registry);
    return Future.succeededFuture(body)
        .map(InputRules::parseLogin)
        .compose(request -> hasher.refuseIfBusy().map(request))
        .compose(request -> publisher.refuseIfUnreachable(Topics.LOGIN_EVENTS).map(request))
        .compose(request -> attempt(request, deviceToken, context))
        .onSuccess(reply -> countAttempt(Outcomes.SUCCESS,
            reply.getBoolean(MFA_REQUIRED, false) ? Outcomes.REASON_MFA_REQUIRED : "none", started))
        .onFailure(failure -> countFailedAttempt(failure, started));
  }

  // The account is looked up first (no hashing) so the gate knows whose budget the attempt spends.
  private Future<JsonObject> attempt(LoginRequest request, String deviceToken, RequestContext context) {
    return accounts.findCredentials(request.identifier())
        .compose(found -> {
          LoginSubject subject = subjectOf(found, request.identifier(), deviceToken);
          return guard.admit(subject, request.identifier().kind().wireName(), context)
              .compose(admission -> check(found, request, context, admission));
        });
  }

  private Future<JsonObject> check(AccountCredentials found, LoginRequest request, RequestContext context,
      LoginGuard.Admission admission) {
    return hasher.verify(found == null ? null : found.passwordHash(), request.password())
        .recover(failure -> guard.abandoned(admission).otherwiseEmpty().compose(v -> Future.failedFuture(failure)))
        .compose(matches -> {
          if (!matches) {
            return refuse(found, request.identifier(), context, Outcomes.REASON_BAD_CREDENTIALS, admission);
          }
          if (!AccountCredentials.ACTIVE.equals(found.status())) {
            return guard.succeeded(admission).compose(v -> refuseDisabled(found, request.identifier(), context));
          }
          return afterPassword(found, request.identifier(), context, admission);
        });
  }

  // A right password clears the subject's failures only when nothing else is asked: with a second
  // factor pending, the failures stay until the code is right (the admission just frees its place).
  private Future<JsonObject> afterPassword(AccountCredentials found, Identifier identifier, RequestContext context,
      LoginGuard.Admission admission) {
    SecondFactorPolicy.Verdict verdict = SecondFactorPolicy.decide(found.mfaMethod(), found.emailVerified(),
        found.roles(), requirement);
    if (requiresVerifiedEmail && !found.emailVerified() || verdict == SecondFactorPolicy.Verdict.NEEDS_VERIFIED_EMAIL) {
      return guard.abandoned(admission).compose(v -> refuseUnverified(found, identifier, context));
    }
    if (verdict == SecondFactorPolicy.Verdict.NONE) {
      return guard.succeeded(admission).compose(v -> grant(found, identifier, context, admission.subject()));
    }
    return guard.abandoned(admission).compose(v -> secondFactor.require(found, identifier.kind().wireName(),
        admission.subject(), verdict.channel(), context));
  }

  /**
   * Only after the right password, like a disabled account. A new link goes out with the refusal
   * (throttled), so an expired or lost link never leaves the owner without a way in; its failure
   * never changes the answer.
   */
  private Future<JsonObject> refuseUnverified(AccountCredentials found, Identifier identifier, RequestContext context) {
    SecurityEvent event = events.create(EventTypes.LOGIN_REJECTED, found.accountId(), found.accountId().toString(),
        identifier.kind().wireName(), context, Outcomes.REJECTED, Outcomes.REASON_UNVERIFIED, null);
    return publisher.publish(event)
        .compose(v -> verification.sendAfterRefusedLogin(found.accountId(), context)
            .recover(failure -> {
              log.warn("Request {}: no new verification link after an unverified sign-in: {}", context.requestId(),
                  failure.toString());
              return Future.succeededFuture();
            }))
        .compose(v -> Future.failedFuture(new ProblemException(ProblemType.EMAIL_NOT_VERIFIED,
            "Verify your e-mail address first: open the link we sent you (a new one is on its way), then sign in "
                + "again.")));
  }

  private LoginSubject subjectOf(AccountCredentials found, Identifier identifier, String deviceToken) {
    if (found == null) {
      return LoginSubject.unknown(subjectKeys.forUnknown(identifier));
    }
    UUID deviceId = deviceTokens.deviceOf(deviceToken, found.accountId());
    return deviceId == null ? LoginSubject.account(found.accountId())
        : LoginSubject.device(found.accountId(), deviceId.toString());
  }

  private Future<JsonObject> refuse(AccountCredentials found, Identifier identifier, RequestContext context,
      String reason, LoginGuard.Admission admission) {
    LoginSubject subject = admission.subject();
    JsonObject details = subject.deviceId() == null ? null : new JsonObject().put(DEVICE_ID, subject.deviceId());
    SecurityEvent event = events.create(EventTypes.LOGIN_FAILED, subject.accountId(), subject.kafkaKey(),
        identifier.kind().wireName(), context, Outcomes.FAILURE, reason, details);
    // the guard counts the failure before it is published, so waiting attempts see it at once;
    // the same body for an unknown identifier and a wrong password
    return guard.failed(admission, event.occurredAt().toEpochMilli())
        .compose(counted -> publisher.publish(event))
        .compose(v -> Future.failedFuture(new ProblemException(
        ProblemType.INVALID_CREDENTIALS, "The identifier or password is not correct.")));
  }

  /** Only after the right password, so the answer tells nothing to someone who does not know it. */
  private Future<JsonObject> refuseDisabled(AccountCredentials found, Identifier identifier, RequestContext context) {
    SecurityEvent event = events.create(EventTypes.LOGIN_REJECTED, found.accountId(), found.accountId().toString(),
        identifier.kind().wireName(), context, Outcomes.REJECTED, Outcomes.REASON_ACCOUNT_DISABLED, null);
    return publisher.publish(event).compose(v -> Future.failedFuture(new ProblemException(
        ProblemType.ACCOUNT_DISABLED, "This account has been disabled. Contact support.")));
  }

  private Future<JsonObject> grant(AccountCredentials account, Identifier identifier, RequestContext context,
      LoginSubject subject) {
    // deviceId only when the device's own budget judged this login
    return sessionOpener.openOnDevice(account, identifier.kind().wireName(), AccessTokenIssuer.PASSWORD_AMR, context,
        subject.deviceId(), deviceTokens);
  }

  private void countFailedAttempt(Throwable failure, Timer.Sample started) {
    ProblemType type = failure instanceof ProblemException pe ? pe.problem().type() : ProblemType.INTERNAL;
    switch (type) {
      case INVALID_CREDENTIALS -> countAttempt(Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, started);
      case VALIDATION_FAILED -> countAttempt(Outcomes.REJECTED, type.slug(), started);
      case ACCOUNT_DISABLED -> countAttempt(Outcomes.REJECTED, Outcomes.REASON_ACCOUNT_DISABLED, started);
      case EMAIL_NOT_VERIFIED -> countAttempt(Outcomes.REJECTED, Outcomes.REASON_UNVERIFIED, started);
      case ACCOUNT_LOCKED -> countAttempt(Outcomes.REJECTED, Outcomes.REASON_LOCKED, started);
      case RATE_LIMITED -> countAttempt(Outcomes.REJECTED, Outcomes.REASON_THROTTLED, started);
      default -> countAttempt("error", type.slug(), started);
    }
  }

  /** Labels are bounded: outcome and reason come from fixed sets, never from the request. */
  private void countAttempt(String outcome, String reason, Timer.Sample started) {
    Counter.builder("auth.login.attempts").description("Password login attempts, by outcome and reason")
        .tag("outcome", outcome).tag("reason", reason).register(registry).increment();
    started.stop(Timer.builder(LOGIN_DURATION)
        .description("Time to answer a password login, from request to reply, by outcome")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(LATENCY_OBJECTIVES[0])
        .maximumExpectedValue(LATENCY_OBJECTIVES[LATENCY_OBJECTIVES.length - 1])
        .serviceLevelObjectives(LATENCY_OBJECTIVES)
        .register(registry));
  }
}
