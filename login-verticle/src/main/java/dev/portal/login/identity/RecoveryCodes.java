package dev.portal.login.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-use recovery codes for an authenticator that is lost: ten codes "xxxxx-xxxxx" of 50 random
 * bits each, in Crockford's lowercase base32 (no i, l, o or u; what people misread as them is read as
 * the digit they meant), stored only as SHA-256 of the ten characters.
 */
final class RecoveryCodes {
  static final int COUNT = 10;
  static final int LENGTH = 10;
  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

  private final SecureRandom random = new SecureRandom();

  /** {@link #COUNT} new codes, as shown to their owner once. */
  List<String> generate() {
    List<String> codes = new ArrayList<>(COUNT);
    while (codes.size() < COUNT) {
      StringBuilder code = new StringBuilder(LENGTH + 1);
      for (int i = 0; i < LENGTH; i++) {
        if (i == LENGTH / 2) {
          code.append('-');
        }
        code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      if (!codes.contains(code.toString())) {
        codes.add(code.toString());
      }
    }
    return codes;
  }

  /** The ten characters of a presented code (case, spaces, dashes and look-alikes folded), or null when it is none. */
  static String normalise(String presented) {
    if (presented == null || presented.length() > 4 * LENGTH) {
      return null;
    }
    StringBuilder out = new StringBuilder(LENGTH);
    for (char c : presented.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '-' || c == ' ') {
        continue;
      }
      char folded = switch (c) {
        case 'o' -> '0';
        case 'i', 'l' -> '1';
        default -> c;
      };
      if (ALPHABET.indexOf(folded) < 0) {
        return null;
      }
      out.append(folded);
    }
    return out.length() == LENGTH ? out.toString() : null;
  }

  /** SHA-256 of a normalised code: what identity.recovery_code keeps. */
  static byte[] hash(String normalised) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
