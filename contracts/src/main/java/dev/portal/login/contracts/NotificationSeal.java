package dev.portal.login.contracts;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secret part of a {@link Notification} with AES-256-GCM under the notification key, which
 * only the login path (that seals) and the notification consumer (that opens) hold. The message id is
 * the associated data, so a sealed part copied into another message does not open.
 *
 * <p>Layout (then base64url without padding): one version byte, a 12-byte random nonce, the
 * ciphertext of the JSON text with its 16-byte tag.
 */
public final class NotificationSeal {
  /** Environment variable holding the key: 32 bytes, base64. */
  public static final String KEY_VARIABLE = "NOTIFICATION_KEY";
  private static final byte VERSION = 1;
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** @throws IllegalArgumentException unless the key is 32 bytes */
  public NotificationSeal(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException(KEY_VARIABLE + " must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** @throws IllegalArgumentException unless the text is the base64 of 32 bytes (the message never quotes it) */
  public static NotificationSeal fromBase64(String base64Key) {
    try {
      return new NotificationSeal(Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(KEY_VARIABLE + " must be the base64 of " + KEY_BYTES + " random bytes");
    }
  }

  public String seal(UUID messageId, JsonObject secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(messageId));
      byte[] ciphertext = cipher.doFinal(secret.encode().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(VERSION).put(nonce)
          .put(ciphertext).array();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** @throws BrokenSealException when the text was altered, belongs to another message or another key */
  public JsonObject open(UUID messageId, String sealedText) {
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(sealedText);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BrokenSealException("not base64url");
    }
    if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
      throw new BrokenSealException("unknown sealed format");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData(messageId));
      byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      return new JsonObject(new String(plain, StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      throw new BrokenSealException("authentication tag does not match: wrong key, altered, or another message");
    } catch (GeneralSecurityException | DecodeException e) {
      throw new BrokenSealException("cannot open: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] associatedData(UUID messageId) {
    return ("notification:" + messageId).getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed part that cannot be opened. Its message never includes the sealed text. */
  public static final class BrokenSealException extends RuntimeException {
    BrokenSealException(String message) {
      super(message);
    }
  }
}
