package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {
  @Test
  @DisplayName("ten distinct codes of the form xxxxx-xxxxx without i, l, o or u")
  void format() {
    List<String> codes = new RecoveryCodes().generate();
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
  @DisplayName("what is stored is the SHA-256 of the normalised code, so any typing of it finds the same row")
  void hash() {
    byte[] stored = RecoveryCodes.hash(RecoveryCodes.normalise("ab0c1-d2e3f"));
    assertEquals(32, stored.length);
    assertArrayEquals(stored, RecoveryCodes.hash(RecoveryCodes.normalise("ABOC1D2E3F")));
    assertFalse(java.util.Arrays.equals(stored, RecoveryCodes.hash(RecoveryCodes.normalise("ab0c1-d2e3g"))));
  }
}
