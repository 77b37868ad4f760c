package dev.portal.login.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 30-second
 * steps, 6 digits, and one step either side accepted for clocks that drift. Written here (about forty
 * lines on javax.crypto) rather than taken from a library; checked against the RFC's test vectors.
 */
final class Totp {
  static final int DIGITS = 6;
  static final long PERIOD_SECONDS = 30;
  /** Steps accepted either side of the current one. */
  static final int WINDOW = 1;
  static final String ALGORITHM = "HmacSHA1";
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Totp() {
  }

  static long stepAt(long epochMillis) {
    return Math.floorDiv(epochMillis, PERIOD_SECONDS * 1000);
  }

  /** The code of one time step (RFC 4226 dynamic truncation), {@code digits} long with leading zeros. */
  static String code(byte[] secret, long step, int digits, String algorithm) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, algorithm));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
    int offset = hash[hash.length - 1] & 0x0F;
    int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
        | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
    String value = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - value.length()) + value;
  }

  static String code(byte[] secret, long step) {
    return code(secret, step, DIGITS, ALGORITHM);
  }

  /**
   * The step whose code {@code presented} is, within the window around {@code epochMillis}; empty when
   * it matches none. Every step of the window is computed and compared in constant time.
   */
  static OptionalLong matchingStep(byte[] secret, String presented, long epochMillis) {
    long now = stepAt(epochMillis);
    byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
    long found = Long.MIN_VALUE;
    for (long step = now - WINDOW; step <= now + WINDOW; step++) {
      if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), given)
          && found == Long.MIN_VALUE) {
        found = step;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }
}
