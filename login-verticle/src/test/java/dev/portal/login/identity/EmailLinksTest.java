package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmailLinksTest {

  @Test
  @DisplayName("a link token is 32 random bytes in unpadded base64url, and differs every time")
  void tokensAre32RandomBytes() {
    EmailLinks.LinkToken first = EmailLinks.generate();
    assertEquals(43, first.token().length());
    assertEquals(32, Base64.getUrlDecoder().decode(first.token()).length);
    assertTrue(first.token().matches("[A-Za-z0-9_-]+"));
    assertNotEquals(first.token(), EmailLinks.generate().token());
  }

  @Test
  @DisplayName("only the SHA-256 of the token is kept, and the same token always hashes the same")
  void storesSha256() throws Exception {
    EmailLinks.LinkToken link = EmailLinks.generate();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(link.token().getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(expected, link.hash());
    assertArrayEquals(expected, EmailLinks.hash(link.token()));
    assertFalse(link.toString().contains(link.token()));
  }

  @Test
  @DisplayName("only text shaped like one of our tokens is looked up")
  void recognisesTokenShape() {
    assertTrue(EmailLinks.wellFormed(EmailLinks.generate().token()));
    assertFalse(EmailLinks.wellFormed(null));
    assertFalse(EmailLinks.wellFormed("short"));
    assertFalse(EmailLinks.wellFormed("a".repeat(42) + "="));
    assertFalse(EmailLinks.wellFormed("a".repeat(44)));
  }

  @Test
  @DisplayName("links are the public base URL, the page and the token")
  void buildsLinks() {
    AccountRecoveryConfig config = AccountRecoveryConfig.fromEnv(java.util.Map.of("PUBLIC_BASE_URL",
        "https://portal.example.id/"));
    assertEquals("https://portal.example.id/verify-email?token=abc",
        config.link(EmailLinks.VERIFY_EMAIL_PATH, "abc"));
    assertEquals("https://portal.example.id/reset-password?token=abc",
        config.link(EmailLinks.RESET_PASSWORD_PATH, "abc"));
  }
}
