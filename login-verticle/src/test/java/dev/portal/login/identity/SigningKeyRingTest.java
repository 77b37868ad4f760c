package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.identity.SigningKeyRing.SigningKey;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The signing key ring")
class SigningKeyRingTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant SWITCH = T0.plus(Duration.ofDays(30));
  private static final Instant RETIRE = SWITCH.plus(Duration.ofMinutes(6));

  private final ECKey old = SigningKeyStore.generateKey();
  private final ECKey next = SigningKeyStore.generateKey();
  private final SigningKeyRing ring = new SigningKeyRing(List.of(
      new SigningKey(old, T0, RETIRE), new SigningKey(next, SWITCH, null)));

  @Test
  @DisplayName("signs with the old key until the next key's turn, then with the next key")
  void switchesAtNotBefore() {
    assertEquals(old.getKeyID(), ring.signingKeyAt(SWITCH.minusMillis(1)).key().getKeyID());
    assertEquals(next.getKeyID(), ring.signingKeyAt(SWITCH).key().getKeyID());
  }

  @Test
  @DisplayName("publishes the next key before it signs and the old key until its retirement, then only the next")
  void publishesAheadAndBehind() {
    assertEquals(List.of(next.getKeyID(), old.getKeyID()), kids(ring.jwksAt(SWITCH.minus(Duration.ofHours(1)))));
    assertEquals(List.of(next.getKeyID(), old.getKeyID()), kids(ring.jwksAt(RETIRE.minusMillis(1))));
    assertEquals(List.of(next.getKeyID()), kids(ring.jwksAt(RETIRE)));
  }

  @Test
  @DisplayName("the JWKS carries public keys only")
  void publicOnly() {
    ring.jwksAt(T0).getJsonArray("keys").forEach(key -> assertEquals(null, ((JsonObject) key).getString("d")));
  }

  private static List<String> kids(JsonObject jwks) {
    return jwks.getJsonArray("keys").stream().map(key -> ((JsonObject) key).getString("kid")).toList();
  }
}
