package dev.portal.login.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs ES256 access tokens with the newest usable signing key and publishes the public halves of
 * all usable keys, so tokens from any instance verify everywhere.
 */
public final class AccessTokenIssuer {
  static final List<String> PASSWORD_AMR = List.of("pwd");

  private final ECKey signingKey;
  private final ECDSASigner signer;
  private final List<ECKey> verificationKeys;
  private final LoginConfig.Tokens settings;
  private final Clock clock;

  /** @param keys usable keys, the one to sign with first */
  public AccessTokenIssuer(List<ECKey> keys, LoginConfig.Tokens settings, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no signing key");
    }
    this.signingKey = keys.get(0);
    this.verificationKeys = List.copyOf(keys);
    this.settings = settings;
    this.clock = clock;
    try {
      this.signer = new ECDSASigner(signingKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not a usable P-256 private key", e);
    }
  }

  /** A signed access token and its lifetime in seconds. */
  public record IssuedToken(String token, long expiresInSeconds) {
    @Override
    public String toString() {
      return "IssuedToken[***, expiresIn=" + expiresInSeconds + "]";
    }
  }

  public IssuedToken issue(UUID accountId, String sessionId, List<String> roles) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(settings.audience())
        .subject(accountId.toString())
        .claim("sid", sessionId)
        .claim("roles", List.copyOf(roles))
        .claim("amr", PASSWORD_AMR)
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
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing an access token failed", e);
    }
    return new IssuedToken(jwt.serialize(), settings.accessTokenTtl().toSeconds());
  }

  /** {keys: [public JWKs with kty, crv, x, y, kid, alg, use]}. */
  public JsonObject jwks() {
    JsonArray keys = new JsonArray();
    verificationKeys.forEach(key -> keys.add(new JsonObject(key.toPublicJWK().toJSONObject())));
    return new JsonObject().put("keys", keys);
  }
}
