package dev.portal.login.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The tokens of links sent by e-mail (verify the address, reset the password): 32 bytes from a
 * CSPRNG in base64url, of which only the SHA-256 is stored. 256 random bits cannot be guessed, so a
 * fast hash is enough: a stolen table gives nothing that opens a link.
 */
final class EmailLinks {
  static final String VERIFY_EMAIL = "verify-email";
  static final String RESET_PASSWORD = "reset-password";
  static final String VERIFY_EMAIL_PATH = "/verify-email";
  static final String RESET_PASSWORD_PATH = "/reset-password";
  static final int TOKEN_BYTES = 32;
  /** 32 bytes in unpadded base64url. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new link token and the hash that is stored for it. */
  record LinkToken(String token, byte[] hash) {
    @Override
    public String toString() {
      return "LinkToken[***]";
    }
  }

  private EmailLinks() {
  }

  static LinkToken generate() {
    byte[] random = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new LinkToken(token, hash(token));
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether {@code token} could be one of ours; anything else is refused without a lookup. */
  static boolean wellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }
}
