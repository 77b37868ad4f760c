package dev.portal.login.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the bearer access token of a request: signature by a key the login role publishes (ES256
 * or RS256, the algorithm matching the key), {@code exp}/{@code nbf} within the clock skew, and
 * {@code iss}/{@code aud} as configured, then its session ({@code sid}) still live, asked with one
 * round trip to the session store. A valid token becomes the request's {@link Principal}; anything
 * else is 401 saying only "missing", "expired", "invalid", "ended" or (problem session-expired) why
 * the session expired. A session store that cannot answer means 503: never accepted unchecked.
 * A token whose signature was checked before skips only that arithmetic ({@link VerifiedTokens}).
 */
final class AccessTokenVerifier implements Handler<RoutingContext> {
  private static final String BEARER_PREFIX = "bearer ";
  private static final int MIN_RSA_BITS = 2048;

  private final JwksCache keys;
  private final SessionCheck sessions;
  private final MeterRegistry registry;
  private final Clock clock;
  private final String issuer;
  private final String audience;
  private final Duration skew;
  private final VerifiedTokens verifiedTokens;

  AccessTokenVerifier(JwksCache keys, SessionCheck sessions, MeterRegistry registry, Clock clock,
      GatewayConfig config) {
    this.keys = keys;
    this.sessions = sessions;
    this.registry = registry;
    this.clock = clock;
    this.issuer = config.tokenIssuer();
    this.audience = config.tokenAudience();
    this.skew = config.tokenClockSkew();
    this.verifiedTokens = new VerifiedTokens(config.verifiedTokenCacheSize());
  }

  @Override
  public void handle(RoutingContext ctx) {
    verify(ctx.request().getHeader("Authorization"))
        .onSuccess(principal -> {
          principal.attachTo(ctx);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** How many tokens this verifier remembers as signature-checked (for tests). */
  int rememberedTokens() {
    return verifiedTokens.size();
  }

  /** The principal of a valid {@code Authorization: Bearer} header value, else a 401 ProblemException. */
  Future<Principal> verify(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return rejected(Rejection.MISSING);
    }
    if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return rejected(Rejection.INVALID);
    }
    String token = authorization.substring(BEARER_PREFIX.length()).trim();
    VerifiedTokens.Verified known = verifiedTokens.get(token);
    if (known != null) {
      return keys.keyFor(known.kid()).compose(key -> checkKnownToken(token, known, key)).compose(this::checkSession);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return rejected(Rejection.INVALID);
    }
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    String kid = jwt.getHeader().getKeyID();
    if (kid == null || !(JWSAlgorithm.ES256.equals(algorithm) || JWSAlgorithm.RS256.equals(algorithm))) {
      return rejected(Rejection.INVALID);
    }
    return keys.keyFor(kid).compose(key -> checkToken(token, jwt, algorithm, key)).compose(this::checkSession);
  }

  private Future<Principal> checkToken(String token, SignedJWT jwt, JWSAlgorithm algorithm, Optional<JWK> key) {
    try {
      if (key.isEmpty() || !jwt.verify(verifierFor(algorithm, key.get()))) {
        return rejected(Rejection.INVALID);
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      return checkClaims(claims).onSuccess(principal ->
          verifiedTokens.remember(token, new VerifiedTokens.Verified(jwt.getHeader().getKeyID(), key.get(), claims)));
    } catch (JOSEException | ParseException | IllegalArgumentException e) {
      return rejected(Rejection.INVALID);
    }
  }

  // A remembered signature counts only while the key that checked it is still published; the claims
  // (expiry above all) are judged again now.
  private Future<Principal> checkKnownToken(String token, VerifiedTokens.Verified known, Optional<JWK> key) {
    if (key.isEmpty() || !key.get().equals(known.key())) {
      verifiedTokens.forget(token);
      return rejected(Rejection.INVALID);
    }
    try {
      return checkClaims(known.claims()).onFailure(failure -> verifiedTokens.forget(token));
    } catch (ParseException e) {
      verifiedTokens.forget(token);
      return rejected(Rejection.INVALID);
    }
  }

  // The key decides the algorithm, never the token alone: this closes the alg-confusion family of attacks.
  private static JWSVerifier verifierFor(JWSAlgorithm algorithm, JWK key) throws JOSEException {
    if (key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
      throw new IllegalArgumentException("algorithm does not match the key");
    }
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      throw new IllegalArgumentException("key is not for signatures");
    }
    if (JWSAlgorithm.ES256.equals(algorithm) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
      return BouncyCastleVerifiers.es256(ec);
    }
    if (JWSAlgorithm.RS256.equals(algorithm) && key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
      return new RSASSAVerifier(rsa);
    }
    throw new IllegalArgumentException("key type does not fit the algorithm");
  }

  private Future<Principal> checkClaims(JWTClaimsSet claims) throws ParseException {
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    Date notBefore = claims.getNotBeforeTime();
    List<String> audiences = claims.getAudience();
    String subject = claims.getSubject();
    if (expiry == null || !issuer.equals(claims.getIssuer()) || audiences == null || !audiences.contains(audience)
        || subject == null || subject.isBlank() || !hasSessionId(claims)
        || (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant()))) {
      return rejected(Rejection.INVALID);
    }
    if (now.minus(skew).isAfter(expiry.toInstant())) {
      return rejected(Rejection.EXPIRED);
    }
    List<String> roles = claims.getStringListClaim("roles");
    tokenVerifications("valid").increment();
    return Future.succeededFuture(new Principal(subject, claims.getStringClaim("sid"),
        roles == null ? Set.of() : roles.stream().filter(Objects::nonNull).collect(Collectors.toSet())));
  }

  private static boolean hasSessionId(JWTClaimsSet claims) throws ParseException {
    String sessionId = claims.getStringClaim("sid");
    return sessionId != null && !sessionId.isBlank();
  }

  private Future<Principal> checkSession(Principal principal) {
    return sessions.check(principal.sessionId(), principal.accountId())
        .recover(failure -> {
          sessionChecks("error").increment();
          return Future.failedFuture(new ProblemException(
              Problem.of(ProblemType.UNAVAILABLE, "Sessions cannot be checked right now.").withRetryAfter(5)));
        })
        .compose(state -> {
          sessionChecks(state.metricLabel()).increment();
          return switch (state) {
            case LIVE -> Future.succeededFuture(principal);
            case IDLE_EXPIRED -> Future.failedFuture(new ProblemException(ProblemType.SESSION_EXPIRED,
                "The session expired after a period without activity. Sign in again."));
            case ABSOLUTE_EXPIRED -> Future.failedFuture(new ProblemException(ProblemType.SESSION_EXPIRED,
                "The session reached its maximum lifetime. Sign in again."));
            case ENDED, UNKNOWN -> rejected(Rejection.ENDED);
          };
        });
  }

  private Future<Principal> rejected(Rejection rejection) {
    tokenVerifications(rejection.name().toLowerCase()).increment();
    return Future.failedFuture(new ProblemException(ProblemType.UNAUTHORIZED, rejection.detail));
  }

  private enum Rejection {
    MISSING("The access token is missing."),
    EXPIRED("The access token has expired."),
    INVALID("The access token is not valid."),
    ENDED("The session of this access token has ended.");

    private final String detail;

    Rejection(String detail) {
      this.detail = detail;
    }
  }

  private Counter tokenVerifications(String result) {
    return Counter.builder("gateway.token.verifications").description("Bearer tokens checked, by result")
        .tag("result", result).register(registry);
  }

  private Counter sessionChecks(String result) {
    return Counter.builder("gateway.session.checks").description("Session checks in Redis for bearer tokens, by result")
        .tag("result", result).register(registry);
  }
}
