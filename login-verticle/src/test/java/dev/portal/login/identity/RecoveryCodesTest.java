package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {
  @Test
  @DisplayName("ten distinct codes of the form xxxxx-xxxxx without i, l, o or u")
  void format() {
    List<String> codes = new RecoveryCodes(SecretSealerTest.randomKey()).generate();
    assertEquals(10, codes.size());
    assertEquals(10, new HashSet<>(codes).size());
    codes.forEach(code -> assertTrue(code.matches("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}"), code));
  }

  @Test
  @DisplayName("a code typed in capitals, without its dash or with O for 0 and I or L for 1 is the same code")
  void normalise() {
    assertEquals("ab0c1d2e3f", RecoveryCodes.normalise("ab0c1-d2e3f"));
    assertEquals("ab0c1d2e3f", RecoveryCodes.normalise("AB0C1D2E3F"));
    assertEquals("ab0c1d2e3f", RecoveryCodes.normalise("abOcl-d2e3f"));
    assertEquals("ab0c1d2e3f", RecoveryCodes.normalise("abocI d2e3f"));
    assertNull(RecoveryCodes.normalise("ab0c1-d2e3"));
    assertNull(RecoveryCodes.normalise("ab0c1-d2e3u"));
    assertNull(RecoveryCodes.normalise("123456"));
  }

  @Test
  @DisplayName("what is stored is a keyed HMAC of the normalised code bound to its account: any typing of it finds the same row, and neither another account nor another key makes the same value")
  void hash() {
    LoginConfig.KeyEncryptionKey key = SecretSealerTest.randomKey();
    RecoveryCodes codes = new RecoveryCodes(key);
    UUID account = UUID.randomUUID();
    byte[] stored = codes.hash(account, RecoveryCodes.normalise("ab0c1-d2e3f"));
    assertEquals(32, stored.length);
    assertArrayEquals(stored, codes.hash(account, RecoveryCodes.normalise("ABOC1D2E3F")));
    assertArrayEquals(stored, new RecoveryCodes(key).hash(account, "ab0c1d2e3f"), "stable across instances");
    assertFalse(Arrays.equals(stored, codes.hash(account, RecoveryCodes.normalise("ab0c1-d2e3g"))));
    assertFalse(Arrays.equals(stored, codes.hash(UUID.randomUUID(), "ab0c1d2e3f")), "bound to the account");
    assertFalse(Arrays.equals(stored, new RecoveryCodes(SecretSealerTest.randomKey()).hash(account, "ab0c1d2e3f")),
        "keyed: no plain hash an offline search could match");
    assertFalse(Arrays.equals(stored, sha256("ab0c1d2e3f")));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
