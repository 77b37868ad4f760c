package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {
  @ParameterizedTest(name = "\"{0}\" is {1}")
  @DisplayName("encoding gives the RFC 4648 test vectors, and decoding them gives the text back")
  @CsvSource({"'', ''", "f, MY======", "fo, MZXQ====", "foo, MZXW6===", "foob, MZXW6YQ=", "fooba, MZXW6YTB",
      "foobar, MZXW6YTBOI======"})
  void rfc4648Vectors(String text, String encoded) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    assertEquals(encoded, Base32.encode(bytes, true));
    assertArrayEquals(bytes, Base32.decode(encoded));
  }

  @Test
  @DisplayName("a secret typed in lower case, without padding or with spaces decodes the same")
  void lenientDecoding() {
    assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi"));
    assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII), false));
  }

  @Test
  @DisplayName("a 20-byte TOTP secret survives the round trip as 32 characters")
  void roundTrip() {
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    String encoded = Base32.encode(secret, false);
    assertEquals(32, encoded.length());
    assertArrayEquals(secret, Base32.decode(encoded));
  }

  @Test
  @DisplayName("a character outside the alphabet is refused")
  void refusesOthers() {
    assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW1"));
  }
}
