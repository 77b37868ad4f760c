package dev.portal.login.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM under the key-encryption key. The associated data binds
 * a sealed value to where it belongs (a signing key's kid), so a sealed blob copied to another
 * row does not open.
 *
 * <p>Layout: one version byte, a 12-byte random nonce, then ciphertext with its 16-byte tag.
 */
public final class SecretSealer {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SecretSealer(LoginConfig.KeyEncryptionKey keyEncryptionKey) {
    this.key = new SecretKeySpec(keyEncryptionKey.bytes(), "AES");
  }

  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
          .put(VERSION).put(nonce).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @throws SealBrokenException when the blob was altered, belongs elsewhere, or was sealed under
   *     another key
   */
  public byte[] open(byte[] sealed, byte[] associatedData) {
    if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
      throw new SealBrokenException("unknown sealed format");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SealBrokenException("authentication tag does not match: wrong key or altered data");
    } catch (GeneralSecurityException e) {
      throw new SealBrokenException("cannot open sealed value: " + e.getClass().getSimpleName());
    }
  }

  /** A sealed value that cannot be opened: tampered with, or sealed under another key. */
  public static final class SealBrokenException extends RuntimeException {
    SealBrokenException(String message) {
      super(message);
    }
  }
}
