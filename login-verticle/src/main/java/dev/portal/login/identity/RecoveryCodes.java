package dev.portal.login.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Single-use recovery codes for an authenticator that is lost: ten codes "xxxxx-xxxxx" of 50 random
 * bits each, in Crockford's lowercase base32 (no i, l, o or u; what people misread as them is read as
 * the digit they meant). Stored only as an HMAC under a key derived from the key-encryption key and
 * bound to the account: 50 bits are too few for a plain hash, which a stolen table would give up to
 * an offline search, and a code copied into another account's row proves nothing there.
 */
final class RecoveryCodes {
  static final int COUNT = 10;
  static final int LENGTH = 10;
  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

  private static final String DERIVATION_LABEL = "login-backend/recovery-code/v1";

  private final SecureRandom random = new SecureRandom();
  private final DerivedKey key;

  RecoveryCodes(LoginConfig.KeyEncryptionKey keyEncryptionKey) {
    this.key = DerivedKey.of(keyEncryptionKey, DERIVATION_LABEL);
  }

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

  /** HMAC of a normalised code of {@code accountId}: what identity.recovery_code keeps. */
  byte[] hash(UUID accountId, String normalised) {
    return key.mac(accountId + ":" + normalised);
  }
}
