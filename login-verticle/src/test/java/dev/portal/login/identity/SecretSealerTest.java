package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
  private static final byte[] SECRET = "{\"kty\":\"EC\",\"d\":\"secret\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KID = "signing_key:abc".getBytes(StandardCharsets.UTF_8);

  static LoginConfig.KeyEncryptionKey randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new LoginConfig.KeyEncryptionKey(bytes);
  }

  private final SecretSealer sealer = new SecretSealer(randomKey());

  @Test
  @DisplayName("a sealed secret opens to the same bytes and does not contain them in clear")
  void roundTrips() {
    byte[] sealed = sealer.seal(SECRET, KID);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("secret"));
    assertArrayEquals(SECRET, sealer.open(sealed, KID));
  }

  @Test
  @DisplayName("one flipped bit anywhere in the sealed value is detected")
  void detectsTampering() {
    byte[] sealed = sealer.seal(SECRET, KID);
    for (int i = 1; i < sealed.length; i++) {
      byte[] tampered = Arrays.copyOf(sealed, sealed.length);
      tampered[i] ^= 0x01;
      assertThrows(SecretSealer.SealBrokenException.class, () -> sealer.open(tampered, KID));
    }
  }

  @Test
  @DisplayName("a sealed value does not open under another key or for another kid")
  void bindsKeyAndAssociatedData() {
    byte[] sealed = sealer.seal(SECRET, KID);
    assertThrows(SecretSealer.SealBrokenException.class,
        () -> new SecretSealer(randomKey()).open(sealed, KID));
    assertThrows(SecretSealer.SealBrokenException.class,
        () -> sealer.open(sealed, "signing_key:other".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("sealing the same secret twice gives different bytes (fresh nonce)")
  void usesFreshNonces() {
    assertFalse(Arrays.equals(sealer.seal(SECRET, KID), sealer.seal(SECRET, KID)));
  }
}
