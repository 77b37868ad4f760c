package dev.portal.login.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signing keys and access tokens shaped like the login role's, made in the test. */
final class TestTokens {

  private TestTokens() {
  }

  static ECKey newKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JWK set the login role would publish; deliberately with private parts, to prove the gateway strips them. */
  static JsonObject jwksWithPrivateParts(ECKey... keys) {
    return new JsonObject(new JWKSet(List.of(keys)).toString(false));
  }

  static JWTClaimsSet.Builder claims(String accountId, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(TestGateway.ISSUER)
        .audience(TestGateway.AUDIENCE)
        .subject(accountId)
        .claim("sid", UUID.randomUUID().toString())
        .claim("roles", roles)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString());
  }

  static String sign(ECKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
