package dev.portal.login.identity;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.UserAgentSummary;
import dev.portal.login.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns an account owner by e-mail of a sign-in from a device never seen for the account and a
 * network (IPv4 /24, IPv6 /48) not seen in 90 days (NEW_SIGN_IN_MEMORY_DAYS). Every sign-in (and
 * the registration) records its network. An alert is a courtesy: it never fails a login and delays
 * it by at most one Redis round trip and one Kafka send; its errors are logged and swallowed.
 */
final class NewSignInAlerts {
  private static final Logger log = LoggerFactory.getLogger(NewSignInAlerts.class);
  static final String REVIEW_PATH = "/account";

  // Records the network and answers when it was last seen before, in one atomic step, so two
  // sign-ins racing from a new network send one alert. KEYS: networks. ARGV: network, now ms,
  // forget-before ms, ttl ms.
  private static final RedisScript REMEMBER = new RedisScript("""
      local previous = redis.call('ZSCORE', KEYS[1], ARGV[1])
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return previous
      """);

  private final RedisAPI redis;
  private final OutgoingNotifications notifications;
  private final AccountRecoveryConfig config;
  private final Clock clock;

  NewSignInAlerts(RedisAPI redis, OutgoingNotifications notifications, AccountRecoveryConfig config, Clock clock) {
    this.redis = redis;
    this.notifications = notifications;
    this.config = config;
    this.clock = clock;
  }

  /**
   * After a granted sign-in: records its network and alerts the owner when both device and network
   * are new. Always succeeds.
   *
   * @param locale null: the account's language
   * @param knownDevice the sign-in carried a valid device token of this account
   */
  Future<Void> afterSignIn(UUID accountId, String locale, boolean knownDevice, RequestContext context) {
    String network = SignInNetwork.of(context.ip());
    if (network == null) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    return remember(accountId, network, now)
        .compose(lastSeen -> isNew(knownDevice, lastSeen, now, config.knownNetworkMemory())
            ? alert(accountId, locale, now, context) : Future.<Void>succeededFuture())
        .recover(failure -> swallow("sign-in alert", context, failure));
  }

  /** Records the network of a registration, so the first sign-in from the same place is not new. */
  Future<Void> afterRegistration(UUID accountId, RequestContext context) {
    String network = SignInNetwork.of(context.ip());
    if (network == null) {
      return Future.succeededFuture();
    }
    return remember(accountId, network, clock.instant()).<Void>mapEmpty()
        .recover(failure -> swallow("registration network", context, failure));
  }

  /** A device never seen, and a network never seen or last seen longer ago than {@code memory}. */
  static boolean isNew(boolean knownDevice, Instant networkLastSeen, Instant now, Duration memory) {
    return !knownDevice && (networkLastSeen == null || networkLastSeen.isBefore(now.minus(memory)));
  }

  /** @return when the network was last seen before now, or null */
  private Future<Instant> remember(UUID accountId, String network, Instant now) {
    Duration memory = config.knownNetworkMemory();
    List<String> args = List.of(network, Long.toString(now.toEpochMilli()),
        Long.toString(now.minus(memory).toEpochMilli()), Long.toString(memory.toMillis()));
    return REMEMBER.run(redis, List.of(RedisKeys.knownNetworks(accountId.toString())), args)
        .map(NewSignInAlerts::instant);
  }

  private Future<Void> alert(UUID accountId, String locale, Instant now, RequestContext context) {
    JsonObject data = new JsonObject()
        .put("when", now.toString())
        .put("ip", context.ip())
        .put("device", UserAgentSummary.of(context.userAgent()))
        .put("reviewLink", config.publicBaseUrl() + REVIEW_PATH);
    return notifications.send(Notification.Templates.NEW_SIGN_IN, Notification.EMAIL, accountId, locale, null, null,
        data).mapEmpty();
  }

  private static Instant instant(Response score) {
    if (score == null) {
      return null;
    }
    // ZSCORE may answer "1.7e12" style text for large scores on some servers
    return Instant.ofEpochMilli((long) Double.parseDouble(score.toString()));
  }

  private static Future<Void> swallow(String what, RequestContext context, Throwable failure) {
    log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, context.requestId())
        .log("Request {}: {} skipped: {}", context.requestId(), what, failure.toString());
    return Future.succeededFuture();
  }
}
