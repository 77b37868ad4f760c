package dev.portal.login.identity;

import dev.portal.login.contracts.ClientNetwork;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.redis.RedisScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The brute-force gate of the login path, passed before any password is hashed. It refuses a
 * throttled network (429) and a locked subject (423), and closes the window before the lockout
 * consumer's lock lands, across instances: an atomic per-subject guard in Redis admits a password
 * check only while failures in the window plus checks in flight stay below the failure factor. A
 * login that finds the budget taken by checks still in flight waits for them, so concurrent right
 * passwords all get through while concurrent wrong ones cost at most the failure factor in hashes.
 */
final class LoginGuard {
  /** An admitted password check; it must be finished with exactly one of failed, succeeded or abandoned. */
  record Admission(LoginSubject subject, String attemptId) {
  }

  /** What a {@link #check} found: the secret was right, wrong, or never judged (e.g. the challenge was gone). */
  enum Verdict { RIGHT, WRONG, NONE }

  /** What a right answer in a {@link #check} does to the subject's failures. */
  enum OnRight {
    /** The person proved the account (a password, the code of a login): the failures are forgiven. */
    CLEAR_FAILURES,
    /** A right answer that must not wipe the record of wrong ones (e.g. a step-up code). */
    KEEP_FAILURES
  }

  // KEYS: lock, inflight, failures. ARGV: now, attempt id, factor, window ms, inflight ttl ms.
  private static final RedisScript ADMISSION = new RedisScript("""
      local now = tonumber(ARGV[1])
      local lock = redis.call('HMGET', KEYS[1], 'lockedUntil', 'permanent', 'resetAt')
      if lock[2] == '1' then return {'LOCKED', 0, 1} end
      local lockedUntil = tonumber(lock[1] or '0')
      if lockedUntil > now then return {'LOCKED', lockedUntil, 0} end
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
      local since = math.max(tonumber(lock[3] or '0'), now - tonumber(ARGV[4]))
      local failures = redis.call('ZCOUNT', KEYS[3], '(' .. string.format('%.0f', since), '+inf')
      local inflight = redis.call('ZCARD', KEYS[2])
      if failures + inflight < tonumber(ARGV[3]) then
        redis.call('ZADD', KEYS[2], string.format('%.0f', now + tonumber(ARGV[5])), ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        return {'ADMIT', 0, 0}
      end
      if inflight > 0 then return {'WAIT', 0, 0} end
      return {'GUARD', 0, 0}
      """);

  // KEYS: inflight, failures. ARGV: attempt id, outcome, failure time, window ms.
  private static final RedisScript COMPLETION = new RedisScript("""
      redis.call('ZREM', KEYS[1], ARGV[1])
      if ARGV[2] == 'success' then
        redis.call('DEL', KEYS[2])
      elseif ARGV[2] == 'failure' then
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', tonumber(ARGV[3]) - tonumber(ARGV[4])))
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
      end
      return 1
      """);

  private final Vertx vertx;
  private final RedisAPI redis;
  private final LoginGuardConfig config;
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final MeterRegistry registry;
  private final Clock clock;

  LoginGuard(Vertx vertx, RedisAPI redis, LoginGuardConfig config, EventPublisher publisher,
      SecurityEventFactory events, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.config = config;
    this.publisher = publisher;
    this.events = events;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Admits a password check, or fails with the problem to answer (423, 429, or 503 when the wait for
   * checks in flight runs out) after recording the refusal as login.rejected.
   */
  Future<Admission> admit(LoginSubject subject, String identifierKind, RequestContext context) {
    ClientNetwork network = ClientNetwork.of(context.ip());
    Future<Long> throttledUntil = network == null ? Future.succeededFuture(0L)
        : redis.get(RedisKeys.ipThrottle(network.value())).map(reply -> reply == null ? 0L : reply.toLong());
    return throttledUntil.compose(until -> until > clock.millis()
        ? refuseThrottled(subject, identifierKind, context, until)
        : admitOrWait(subject, identifierKind, context, UUID.randomUUID().toString(),
            System.nanoTime() + config.waitLimit().toNanos()));
  }

  /**
   * Any check of something only the owner knows (a password, a one-time, authenticator or recovery code)
   * outside the password step of a login runs inside the same budget: refused like a login (423, 429,
   * or 503) when the subject is locked, throttled or its failures plus checks in flight fill the failure
   * factor; a WRONG verdict is a failure at once, on every instance, before the lockout consumer's lock
   * lands. So guesses through any door of an account share one bound.
   *
   * @param check runs only once admitted
   * @param judge says what the check's result means
   * @return the check's result
   */
  <T> Future<T> check(LoginSubject subject, RequestContext context, OnRight onRight, Supplier<Future<T>> check,
      Function<T, Verdict> judge) {
    return admit(subject, null, context).compose(admission -> check.get().transform(done -> {
      if (done.failed()) {
        return abandoned(admission).transform(ignored -> Future.<T>failedFuture(done.cause()));
      }
      Future<Void> completed = switch (judge.apply(done.result())) {
        case WRONG -> failed(admission, clock.millis());
        case RIGHT -> onRight == OnRight.CLEAR_FAILURES ? succeeded(admission) : abandoned(admission);
        case NONE -> abandoned(admission);
      };
      return completed.map(done.result());
    }));
  }

  Future<Void> failed(Admission admission, long failedAtMillis) {
    return complete(admission, "failure", failedAtMillis);
  }

  Future<Void> succeeded(Admission admission) {
    return complete(admission, "success", 0);
  }

  /** The check ended without a verdict (e.g. the hashing queue was full): it frees its place only. */
  Future<Void> abandoned(Admission admission) {
    return complete(admission, "abandon", 0);
  }

  private Future<Void> complete(Admission admission, String outcome, long failedAtMillis) {
    String subject = admission.subject().key();
    return COMPLETION.run(redis, List.of(RedisKeys.guardInflight(subject), RedisKeys.guardFailures(subject)),
        List.of(admission.attemptId(), outcome, Long.toString(failedAtMillis),
            Long.toString(config.failureWindow().toMillis()))).mapEmpty();
  }

  private Future<Admission> admitOrWait(LoginSubject subject, String identifierKind, RequestContext context,
      String attemptId, long deadlineNanos) {
    String key = subject.key();
    long now = clock.millis();
    return ADMISSION.run(redis,
            List.of(RedisKeys.lock(key), RedisKeys.guardInflight(key), RedisKeys.guardFailures(key)),
            List.of(Long.toString(now), attemptId, Integer.toString(config.failureFactor()),
                Long.toString(config.failureWindow().toMillis()), Long.toString(config.inflightTtl().toMillis())))
        .compose(verdict -> switch (verdict.get(0).toString()) {
          case "ADMIT" -> Future.succeededFuture(new Admission(subject, attemptId));
          case "LOCKED" -> refuseLocked(subject, identifierKind, context, verdict.get(1).toLong(),
              verdict.get(2).toInteger() == 1, false);
          case "GUARD" -> refuseLocked(subject, identifierKind, context,
              now + config.firstWait().toMillis(), false, true);
          default -> waitForInflight(subject, identifierKind, context, attemptId, deadlineNanos);
        });
  }

  private Future<Admission> waitForInflight(LoginSubject subject, String identifierKind, RequestContext context,
      String attemptId, long deadlineNanos) {
    if (System.nanoTime() > deadlineNanos) {
      countRejected("busy");
      return Future.failedFuture(new ProblemException(Problem.of(ProblemType.OVERLOADED,
              "Other sign-in attempts for this account are still being checked. Try again shortly.")
          .withRetryAfter(Math.max(1, config.waitLimit().toSeconds()))));
    }
    return vertx.timer(config.waitStep().toMillis(), TimeUnit.MILLISECONDS)
        .compose(waited -> admitOrWait(subject, identifierKind, context, attemptId, deadlineNanos));
  }

  /** @param byGuard the guard saw the budget spent before the consumer's lock landed; the end is an estimate */
  private Future<Admission> refuseLocked(LoginSubject subject, String identifierKind, RequestContext context,
      long lockedUntil, boolean permanent, boolean byGuard) {
    if (byGuard) {
      Counter.builder("auth.guard.rejections").description("Login attempts the guard turned away before hashing")
          .register(registry).increment();
    }
    String until = permanent ? null : Instant.ofEpochMilli(lockedUntil).toString();
    String detail = permanent
        ? "Too many failed sign-in attempts. Reset your password or contact support to unlock the account."
        : "Too many failed sign-in attempts. Try again after " + until
            + ", or reset your password. If it was not you, contact support.";
    Problem problem = Problem.of(ProblemType.ACCOUNT_LOCKED, detail)
        .withExtension("lockedUntil", until)
        .withExtension("permanent", permanent);
    if (!permanent) {
      problem = problem.withRetryAfter(secondsUntil(lockedUntil));
    }
    JsonObject details = new JsonObject().put("lockedUntil", until).put("permanent", permanent);
    return reject(subject, identifierKind, context, Outcomes.REASON_LOCKED, details, problem);
  }

  private Future<Admission> refuseThrottled(LoginSubject subject, String identifierKind, RequestContext context,
      long throttledUntil) {
    Problem problem = Problem.of(ProblemType.RATE_LIMITED,
            "Too many failed sign-in attempts from your network. Try again later.")
        .withRetryAfter(secondsUntil(throttledUntil));
    JsonObject details = new JsonObject().put("throttledUntil", Instant.ofEpochMilli(throttledUntil).toString());
    return reject(subject, identifierKind, context, Outcomes.REASON_THROTTLED, details, problem);
  }

  private Future<Admission> reject(LoginSubject subject, String identifierKind, RequestContext context, String reason,
      JsonObject details, Problem problem) {
    if (subject.deviceId() != null) {
      details.put("deviceId", subject.deviceId());
    }
    countRejected(reason);
    SecurityEvent event = events.create(EventTypes.LOGIN_REJECTED, subject.accountId(), subject.kafkaKey(),
        identifierKind, context, Outcomes.REJECTED, reason, details);
    return publisher.publish(event).compose(published -> Future.failedFuture(new ProblemException(problem)));
  }

  private long secondsUntil(long epochMillis) {
    return Math.max(1, (epochMillis - clock.millis() + 999) / 1000);
  }

  private void countRejected(String reason) {
    Counter.builder("auth.login.rejected").description("Logins refused by lock or throttle state, by reason")
        .tag("reason", reason).register(registry).increment();
  }
}
