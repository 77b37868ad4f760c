package dev.portal.login.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key for one purpose, derived from the key-encryption key and a label naming that
 * purpose, so a value made for one use (a code, a device token, a subject key) proves nothing in
 * another, and rotating the key-encryption key rotates them all.
 */
final class DerivedKey {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private DerivedKey(SecretKeySpec key) {
    this.key = key;
  }

  /** @param label a stable name with a version, e.g. "login-backend/one-time-code/v1" */
  static DerivedKey of(LoginConfig.KeyEncryptionKey keyEncryptionKey, String label) {
    byte[] derived = mac(new SecretKeySpec(keyEncryptionKey.bytes(), ALGORITHM),
        label.getBytes(StandardCharsets.UTF_8));
    return new DerivedKey(new SecretKeySpec(derived, ALGORITHM));
  }

  /** HMAC-SHA256 of {@code message} under this key (32 bytes). */
  byte[] mac(byte[] message) {
    return mac(key, message);
  }

  byte[] mac(String message) {
    return mac(message.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mac(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
