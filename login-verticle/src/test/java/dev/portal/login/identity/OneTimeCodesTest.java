package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {
  private static LoginConfig.KeyEncryptionKey key(int fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) fill);
    return new LoginConfig.KeyEncryptionKey(bytes);
  }

  @Test
  @DisplayName("codes are six digits, leading zeros kept, and vary")
  void codes() {
    OneTimeCodes codes = new OneTimeCodes(key(1));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = codes.newCode();
      assertTrue(code.matches("[0-9]{6}"), code);
      seen.add(code);
    }
    assertTrue(seen.size() > 190, "codes repeat far too often");
  }

  @Test
  @DisplayName("challenge ids are 22 base64url characters, and only that shape is taken as one")
  void challengeIds() {
    OneTimeCodes codes = new OneTimeCodes(key(1));
    String id = codes.newChallengeId();
    assertTrue(OneTimeCodes.looksLikeChallengeId(id), id);
    assertNotEquals(id, codes.newChallengeId());
    assertFalse(OneTimeCodes.looksLikeChallengeId("short"));
    assertFalse(OneTimeCodes.looksLikeChallengeId("auth:challenge:xxxxxxxx"));
    assertFalse(OneTimeCodes.looksLikeChallengeId(null));
  }

  @Test
  @DisplayName("the stored form of a code is an HMAC bound to its challenge and to the key, never the code")
  void hashes() {
    OneTimeCodes codes = new OneTimeCodes(key(1));
    String hash = codes.hash("challenge-a", "123456");
    assertEquals(64, hash.length());
    assertFalse(hash.contains("123456"));
    assertEquals(hash, codes.hash("challenge-a", "123456"));
    assertNotEquals(hash, codes.hash("challenge-b", "123456"));
    assertNotEquals(hash, codes.hash("challenge-a", "123457"));
    assertNotEquals(hash, new OneTimeCodes(key(2)).hash("challenge-a", "123456"));
  }

  @Test
  @DisplayName("a typed code loses its spaces and dashes; anything but six digits is no code")
  void normalise() {
    assertEquals("123456", OneTimeCodes.normalise(" 123 456 "));
    assertEquals("012345", OneTimeCodes.normalise("012-345"));
    assertNull(OneTimeCodes.normalise("12345"));
    assertNull(OneTimeCodes.normalise("1234567"));
    assertNull(OneTimeCodes.normalise("12345a"));
    assertNull(OneTimeCodes.normalise(null));
  }
}
