package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessTokenIssuerTest {
  private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
  private static final LoginConfig.Tokens SETTINGS =
      new LoginConfig.Tokens("login-backend", "portal", Duration.ofSeconds(300), Duration.ofSeconds(30),
          new LoginConfig.Sessions(Duration.ofMinutes(30), Duration.ofHours(12)),
          new LoginConfig.KeyRotation(Duration.ofDays(30), Duration.ofDays(1), Duration.ofMinutes(1)));

  private final ECKey key = SigningKeyStore.generateKey();
  private final AccessTokenIssuer issuer =
      new AccessTokenIssuer(List.of(key), SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  @DisplayName("an issued token verifies against the published JWK and carries iss, aud, sub, sid, roles, amr, iat, exp, jti")
  void verifiesAgainstPublishedKey() throws Exception {
    UUID accountId = UUID.randomUUID();
    AccessTokenIssuer.IssuedToken issued = issuer.issue(accountId, "session-1", List.of("user", "admin"));
    JWKSet published = JWKSet.parse(issuer.jwks().encode());
    SignedJWT jwt = SignedJWT.parse(issued.token());

    ECKey publicKey = published.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
    assertTrue(jwt.verify(new ECDSAVerifier(publicKey)));
    assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
    var claims = jwt.getJWTClaimsSet();
    assertEquals("login-backend", claims.getIssuer());
    assertEquals(List.of("portal"), claims.getAudience());
    assertEquals(accountId.toString(), claims.getSubject());
    assertEquals("session-1", claims.getStringClaim("sid"));
    assertEquals(List.of("user", "admin"), claims.getStringListClaim("roles"));
    assertEquals(List.of("pwd"), claims.getStringListClaim("amr"));
    assertEquals(NOW, claims.getIssueTime().toInstant());
    assertEquals(NOW.plusSeconds(300), claims.getExpirationTime().toInstant());
    assertEquals(300, issued.expiresInSeconds());
    assertEquals(36, claims.getJWTID().length());
  }

  @Test
  @DisplayName("a token does not verify against another key")
  void failsWithAnotherKey() throws Exception {
    SignedJWT jwt = SignedJWT.parse(issuer.issue(UUID.randomUUID(), "s", List.of("user")).token());
    ECKey other = SigningKeyStore.generateKey().toPublicJWK();
    assertFalse(jwt.verify(new ECDSAVerifier(other)));
  }

  @Test
  @DisplayName("the JWK set holds only public keys, each with kid, alg ES256 and use sig")
  void publishesOnlyPublicKeys() {
    ECKey older = SigningKeyStore.generateKey();
    JsonObject jwks = new AccessTokenIssuer(List.of(key, older), SETTINGS, Clock.systemUTC()).jwks();
    assertEquals(2, jwks.getJsonArray("keys").size());
    for (Object entry : jwks.getJsonArray("keys")) {
      JsonObject jwk = (JsonObject) entry;
      assertNull(jwk.getString("d"));
      assertEquals("ES256", jwk.getString("alg"));
      assertEquals("sig", jwk.getString("use"));
      assertEquals("P-256", jwk.getString("crv"));
      assertTrue(jwk.getString("kid").length() > 20);
    }
    assertEquals(key.getKeyID(), jwks.getJsonArray("keys").getJsonObject(0).getString("kid"));
  }
}
