package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refresh tokens")
class RefreshTokensTest {
  private final RefreshTokens tokens = new RefreshTokens();

  @Test
  @DisplayName("are 256 random bits in base64url, different every time, and well formed")
  void random256Bits() {
    String one = tokens.generate();
    String two = tokens.generate();
    assertNotEquals(one, two);
    assertEquals(32, Base64.getUrlDecoder().decode(one).length);
    assertTrue(RefreshTokens.wellFormed(one));
  }

  @Test
  @DisplayName("are stored only as a digest that differs from the token and is stable")
  void storedAsDigest() {
    String token = tokens.generate();
    assertNotEquals(token, RefreshTokens.hash(token));
    assertEquals(RefreshTokens.hash(token), RefreshTokens.hash(token));
  }

  @Test
  @DisplayName("anything not shaped like one (too short, padding, other characters) is refused before any lookup")
  void malformedRefused() {
    assertFalse(RefreshTokens.wellFormed(null));
    assertFalse(RefreshTokens.wellFormed("short"));
    assertFalse(RefreshTokens.wellFormed(tokens.generate() + "="));
    assertFalse(RefreshTokens.wellFormed("*".repeat(43)));
  }
}
