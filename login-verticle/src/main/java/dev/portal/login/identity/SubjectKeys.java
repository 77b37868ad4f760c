package dev.portal.login.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Kafka key and lockout subject of a login attempt whose identifier matched no account. A
 * plain hash of a 16-digit NIK could be reversed by trying every number, so it is a keyed HMAC
 * under a key derived from the key-encryption key: stable across instances, opaque to readers.
 */
public final class SubjectKeys {
  static final String UNKNOWN_PREFIX = "u:";
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DERIVATION_LABEL = "login-backend/subject-key/v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;

  public SubjectKeys(LoginConfig.KeyEncryptionKey keyEncryptionKey) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(keyEncryptionKey.bytes(), ALGORITHM), DERIVATION_LABEL),
        ALGORITHM);
  }

  /** "u:" + base64url(HMAC-SHA256(k, kind + ":" + value)) of a normalised identifier. */
  public String forUnknown(Identifier identifier) {
    byte[] message = (identifier.kind().wireName() + ":" + identifier.value()).getBytes(StandardCharsets.UTF_8);
    return UNKNOWN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, message));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
