package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing-key rotation on two instances sharing one clock that the test moves through a 30-day
 * rotation: the next key is published a day ahead, signs from its turn, and the old key stays
 * published exactly as long as tokens it signed can still be valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationTest {
  private static final String PASSWORD = "Gembok berganti tiap bulan 2026";
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration AHEAD = Duration.ofDays(1);
  private static final Duration ACCESS_TTL = Duration.ofMinutes(5);

  private final MutableClock clock = new MutableClock();
  private RunningApp first;
  private RunningApp second;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    Map<String, String> env = Map.of("SIGNING_KEY_REFRESH_SECONDS", "1",
        // the gateways' JWKS cache follows the (test-moved) clock; a short max-age lets it see each change
        "JWKS_MAX_AGE_SECONDS", "1",
        // long sessions: the test walks a month forward
        "SESSION_IDLE_TTL_SECONDS", Long.toString(Duration.ofDays(60).toSeconds()),
        "SESSION_ABSOLUTE_TTL_SECONDS", Long.toString(Duration.ofDays(60).toSeconds()));
    first = RunningApp.start(EnumSet.of(Role.API), env, clock);
    second = RunningApp.start(EnumSet.of(Role.API), env, clock);
  }

  @AfterAll
  void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    // the shared database must not keep keys dated in this test's future
    TestServices.get().resetNow();
  }

  @Test
  @DisplayName("the next key is published ahead on every instance, old-key tokens verify until they expire, nimbus verifies both from the JWKS alone, then the old key goes")
  void rotation() throws Exception {
    ApiClient a = new ApiClient(first.baseUrl());
    ApiClient b = new ApiClient(second.baseUrl());
    a.postJson("/api/v1/accounts", new JsonObject().put("username", "kunci.bulanan")
        .put("email", "kunci@example.id").put("password", PASSWORD));
    String oldKid = kid(a.accessToken("kunci.bulanan", PASSWORD));
    assertEquals(List.of(oldKid), kids(a));

    clock.advance(PERIOD.minus(AHEAD).plusHours(1));
    for (ApiClient instance : List.of(a, b)) {
      Eventually.await("the next key published ahead", () -> kids(instance), kids -> kids.size() == 2);
    }
    assertEquals(oldKid, kid(b.accessToken("kunci.bulanan", PASSWORD)), "the next key does not sign before its turn");

    Instant turn = Instant.ofEpochMilli(Database.count(
        "SELECT (extract(epoch FROM max(not_before)) * 1000)::bigint FROM identity.signing_key"));
    assertTrue(Database.count("SELECT extract(epoch FROM not_before - created_at)::bigint FROM identity.signing_key"
        + " ORDER BY not_before DESC LIMIT 1") >= AHEAD.toSeconds(), "published at least a day before it signs");
    clock.setTo(turn.minus(Duration.ofMinutes(2)));
    String signedByOld = a.accessToken("kunci.bulanan", PASSWORD);
    clock.setTo(turn.plus(Duration.ofMinutes(1)));
    String signedByNew = b.accessToken("kunci.bulanan", PASSWORD);
    String newKid = kid(signedByNew);
    assertEquals(oldKid, kid(signedByOld));
    assertNotEquals(oldKid, newKid, "the new key signs from its turn on");

    JWKSet published = JWKSet.parse(a.get("/.well-known/jwks.json").text());
    assertEquals(List.of(newKid, oldKid), kids(a), "the JWKS holds both");
    for (String token : List.of(signedByOld, signedByNew)) {
      SignedJWT jwt = SignedJWT.parse(token);
      assertTrue(jwt.verify(new ECDSAVerifier(published.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())));
      for (ApiClient instance : List.of(a, b)) {
        assertEquals(200, instance.get("/api/v1/me", token).status(), "both verify on both instances");
      }
    }
    assertTrue(a.get("/.well-known/jwks.json").header("Cache-Control").orElse("").startsWith("public, max-age="));

    clock.advance(ACCESS_TTL.plusMinutes(1));
    assertEquals(401, b.get("/api/v1/me", signedByOld).status(), "an old-key token verifies only until it expires");
    for (ApiClient instance : List.of(a, b)) {
      Eventually.await("the old key retired", () -> kids(instance), kids -> kids.equals(List.of(newKid)));
    }
    assertEquals(2, Database.count("SELECT count(*) FROM identity.signing_key"), "the instances agreed on one new key");
  }

  private static List<String> kids(ApiClient client) {
    return client.get("/.well-known/jwks.json").json().getJsonArray("keys").stream()
        .map(key -> ((JsonObject) key).getString("kid")).toList();
  }

  private static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }
}
