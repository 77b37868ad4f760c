package dev.portal.login.app.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tests' own authenticator must itself be right, or the TOTP end-to-end tests prove nothing. */
@DisplayName("The test authenticator")
class TotpCodesTest {
  private static final String RFC_SEED = "12345678901234567890";
  private static final String RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  @DisplayName("decodes base32 as RFC 4648 does")
  void decodesBase32() {
    assertArrayEquals(RFC_SEED.getBytes(StandardCharsets.US_ASCII), TotpCodes.base32Decode(RFC_SEED_BASE32));
    assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), TotpCodes.base32Decode("MZXW6YTBOI======"));
  }

  @Test
  @DisplayName("gives the RFC 6238 SHA-1 test vectors (8 digits)")
  void rfc6238Vectors() {
    byte[] seed = RFC_SEED.getBytes(StandardCharsets.US_ASCII);
    long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
        {2000000000, 69279037}, {20000000000L, 65353130}};
    for (long[] vector : vectors) {
      assertEquals(String.format("%08d", vector[1]), TotpCodes.forStep(seed, vector[0] / TotpCodes.STEP_SECONDS, 8),
          "T=" + vector[0]);
    }
  }

  @Test
  @DisplayName("shows the last 6 digits of the same value for a 6-digit app")
  void sixDigits() {
    assertEquals("287082", TotpCodes.at(RFC_SEED_BASE32, Instant.ofEpochSecond(59)));
    assertEquals("005924", TotpCodes.at(RFC_SEED_BASE32, Instant.ofEpochSecond(1234567890)));
  }
}
