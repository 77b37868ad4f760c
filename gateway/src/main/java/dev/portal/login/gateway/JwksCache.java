package dev.portal.login.gateway;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys that sign access tokens, fetched from the login role over the event bus and kept
 * here so verifying a token costs no round trip. A token naming an unknown key (after a key
 * rotation) triggers a fresh fetch, but at most once per refresh interval so forged kids cannot
 * turn into a flood of requests.
 *
 * <p>Used from one verticle's event loop only, so it needs no locking.
 */
final class JwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration fetchTimeout;
  private final Duration refreshMinInterval;
  private final Duration maxAge;

  private JWKSet keys;
  private Instant fetchedAt = Instant.MIN;
  private Instant lastAttemptAt = Instant.MIN;
  private Future<JWKSet> inFlight;

  JwksCache(Vertx vertx, MeterRegistry registry, Clock clock, GatewayConfig config) {
    this.vertx = vertx;
    this.registry = registry;
    this.clock = clock;
    this.fetchTimeout = config.eventBusTimeout();
    this.refreshMinInterval = config.jwksRefreshMinInterval();
    this.maxAge = config.jwksMaxAge();
  }

  /** The key with this id, or empty when the login role does not publish it. */
  Future<Optional<JWK>> keyFor(String kid) {
    if (keys == null) {
      return fetch().map(set -> Optional.ofNullable(set.getKeyByKeyId(kid)));
    }
    JWK known = keys.getKeyByKeyId(kid);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    if (clock.instant().isBefore(lastAttemptAt.plus(refreshMinInterval))) {
      return Future.succeededFuture(Optional.empty());
    }
    return fetch().map(set -> Optional.ofNullable(set.getKeyByKeyId(kid)));
  }

  /** The current key set, refetched once older than the max age; a stale set beats none if the fetch fails. */
  Future<JWKSet> current() {
    if (keys != null && clock.instant().isBefore(fetchedAt.plus(maxAge))) {
      return Future.succeededFuture(keys);
    }
    JWKSet stale = keys;
    return fetch().recover(failure -> stale != null ? Future.succeededFuture(stale) : Future.failedFuture(failure));
  }

  Duration maxAge() {
    return maxAge;
  }

  private Future<JWKSet> fetch() {
    if (inFlight != null) {
      return inFlight;
    }
    lastAttemptAt = clock.instant();
    Future<JWKSet> attempt = request()
        .map(this::parse)
        .onSuccess(this::store)
        .onFailure(failure -> jwksFetches("failure").increment());
    inFlight = attempt;
    attempt.onComplete(done -> {
      if (inFlight == attempt) {
        inFlight = null;
      }
    });
    return attempt;
  }

  private Future<JsonObject> request() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(fetchTimeout.toMillis());
    return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_JWKS, new JsonObject(), options)
        .map(Message::body)
        .recover(failure -> Future.failedFuture(new ProblemException(ProblemException.fromReplyFailure(failure))));
  }

  private JWKSet parse(JsonObject body) {
    try {
      // Only public parts are ever kept, whatever the reply holds, so they alone can leak through /jwks.json.
      return JWKSet.parse(body.encode()).toPublicJWKSet();
    } catch (ParseException | RuntimeException e) {
      LOG.error("The login role answered with an unreadable JWK set");
      throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "Signing keys are not available.")
          .withRetryAfter(5));
    }
  }

  private void store(JWKSet fetched) {
    keys = fetched;
    fetchedAt = clock.instant();
    jwksFetches("success").increment();
    LOG.info("Loaded {} token signing key(s)", fetched.size());
  }

  private Counter jwksFetches(String result) {
    return Counter.builder("gateway.jwks.fetches").description("Fetches of the token signing keys from the login role")
        .tag("result", result).register(registry);
  }
}
