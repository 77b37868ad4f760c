package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  /** The SHA-1 seed of RFC 6238 Appendix B: the ASCII of "12345678901234567890". */
  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "at {0} s the 8-digit code is {1}")
  @DisplayName("the 8-digit SHA-1 codes are those of RFC 6238 Appendix B")
  @CsvSource({
      "59, 94287082",
      "1111111109, 07081804",
      "1111111111, 14050471",
      "1234567890, 89005924",
      "2000000000, 69279037",
      "20000000000, 65353130"})
  void rfc6238Vectors(long seconds, String expected) {
    assertEquals(expected, Totp.code(RFC_SEED, Totp.stepAt(seconds * 1000), 8, Totp.ALGORITHM));
  }

  @ParameterizedTest(name = "at {0} s the 6-digit code is {1}")
  @DisplayName("the 6-digit codes apps show are the last six digits of the same truncation")
  @CsvSource({
      "59, 287082",
      "1111111109, 081804",
      "1111111111, 050471",
      "1234567890, 005924",
      "2000000000, 279037",
      "20000000000, 353130"})
  void sixDigitCodes(long seconds, String expected) {
    assertEquals(expected, Totp.code(RFC_SEED, Totp.stepAt(seconds * 1000)));
  }

  @Test
  @DisplayName("a code of the previous, current or next 30-second step matches and names its step; two steps away it does not")
  void window() {
    long now = 1_111_111_111_000L;
    long step = Totp.stepAt(now);
    for (long offset = -1; offset <= 1; offset++) {
      OptionalLong matched = Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + offset), now);
      assertEquals(OptionalLong.of(step + offset), matched);
    }
    assertTrue(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2), now).isEmpty());
    assertTrue(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2), now).isEmpty());
    assertTrue(Totp.matchingStep(RFC_SEED, "12345", now).isEmpty());
  }

  @Test
  @DisplayName("steps are 30 seconds long and counted from the Unix epoch")
  void steps() {
    assertEquals(0, Totp.stepAt(29_999));
    assertEquals(1, Totp.stepAt(30_000));
    assertEquals(37_037_037, Totp.stepAt(1_111_111_111_000L));
  }
}
