package dev.portal.login.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Kafka key and lockout subject of a login attempt whose identifier matched no account. A
 * plain hash of a 16-digit NIK could be reversed by trying every number, so it is a keyed HMAC
 * under a key derived from the key-encryption key: stable across instances, opaque to readers.
 */
public final class SubjectKeys {
  static final String UNKNOWN_PREFIX = "u:";
  private static final String DERIVATION_LABEL = "login-backend/subject-key/v1";

  private final DerivedKey key;

  public SubjectKeys(LoginConfig.KeyEncryptionKey keyEncryptionKey) {
    this.key = DerivedKey.of(keyEncryptionKey, DERIVATION_LABEL);
  }

  /** "u:" + base64url(HMAC-SHA256(k, kind + ":" + value)) of a normalised identifier. */
  public String forUnknown(Identifier identifier) {
    byte[] message = (identifier.kind().wireName() + ":" + identifier.value()).getBytes(StandardCharsets.UTF_8);
    return UNKNOWN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key.mac(message));
  }
}
