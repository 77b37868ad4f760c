package dev.portal.login.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Signs ES256 access tokens with the key whose turn it is and publishes the public halves of every
 * published key (the next one ahead of its turn, old ones until their tokens expired), so tokens
 * from any instance verify everywhere.
 */
public final class AccessTokenIssuer {
  static final List<String> PASSWORD_AMR = List.of("pwd");
  /** A password and then a one-time code (e-mail, SMS, authenticator app or recovery code), RFC 8176 names. */
  static final List<String> SECOND_FACTOR_AMR = List.of("pwd", "otp");

  private final Supplier<SigningKeyRing> keys;
  private final Map<String, ECDSASigner> signers = new ConcurrentHashMap<>();
  private final LoginConfig.Tokens settings;
  private final Clock clock;

  /** @param keys a fixed set of usable keys, the one to sign with first */
  public AccessTokenIssuer(List<ECKey> keys, LoginConfig.Tokens settings, Clock clock) {
    this(fixed(SigningKeyRing.of(keys)), settings, clock);
  }

  /** @param keys the current key ring, asked at every signing (it changes as keys rotate) */
  AccessTokenIssuer(Supplier<SigningKeyRing> keys, LoginConfig.Tokens settings, Clock clock) {
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
  }

  private static Supplier<SigningKeyRing> fixed(SigningKeyRing ring) {
    return () -> ring;
  }

  /** A signed access token and its lifetime in seconds. */
  public record IssuedToken(String token, long expiresInSeconds) {
    @Override
    public String toString() {
      return "IssuedToken[***, expiresIn=" + expiresInSeconds + "]";
    }
  }

  public IssuedToken issue(UUID accountId, String sessionId, List<String> roles) {
    return issue(accountId, sessionId, roles, PASSWORD_AMR);
  }

  /** @param amr how the person authenticated in this session (e.g. pwd, otp) */
  public IssuedToken issue(UUID accountId, String sessionId, List<String> roles, List<String> amr) {
    Instant now = clock.instant();
    ECKey signingKey = keys.get().signingKeyAt(now).key();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(settings.audience())
        .subject(accountId.toString())
        .claim("sid", sessionId)
        .claim("roles", List.copyOf(roles))
        .claim("amr", List.copyOf(amr))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(settings.accessTokenTtl())))
        .jwtID(UUID.randomUUID().toString())
        .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(signingKey.getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signerFor(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing an access token failed", e);
    }
    return new IssuedToken(jwt.serialize(), settings.accessTokenTtl().toSeconds());
  }

  /** {keys: [public JWKs with kty, crv, x, y, kid, alg, use]}: every key published now. */
  public JsonObject jwks() {
    return keys.get().jwksAt(clock.instant());
  }

  private ECDSASigner signerFor(ECKey key) {
    return signers.computeIfAbsent(key.getKeyID(), kid -> {
      try {
        return BouncyCastleSigningKeys.signerFor(key);
      } catch (JOSEException e) {
        throw new IllegalArgumentException("not a usable P-256 private key", e);
      }
    });
  }
}
