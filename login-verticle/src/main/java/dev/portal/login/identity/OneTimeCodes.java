package dev.portal.login.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes one-time codes and the challenge ids they are bound to, and the only form of a code that is
 * ever stored: HMAC-SHA256 over the challenge id and the code under a key derived from the
 * key-encryption key, so a Redis dump reveals no code and a code fits no other challenge.
 */
final class OneTimeCodes {
  static final int DIGITS = 6;
  private static final int BOUND = 1_000_000;
  private static final int CHALLENGE_ID_BYTES = 16;
  private static final String DERIVATION_LABEL = "login-backend/one-time-code/v1";
  private static final String DESTINATION_LABEL = "login-backend/code-destination/v1";

  private final DerivedKey key;
  private final DerivedKey destinationKey;
  private final SecureRandom random = new SecureRandom();

  OneTimeCodes(LoginConfig.KeyEncryptionKey keyEncryptionKey) {
    this.key = DerivedKey.of(keyEncryptionKey, DERIVATION_LABEL);
    this.destinationKey = DerivedKey.of(keyEncryptionKey, DESTINATION_LABEL);
  }

  /** Six decimal digits, leading zeros kept, uniform over 000000..999999. */
  String newCode() {
    return String.format("%06d", random.nextInt(BOUND));
  }

  /** 128 random bits, base64url: unguessable, so a challenge id alone is worth nothing without its code. */
  String newChallengeId() {
    byte[] bytes = new byte[CHALLENGE_ID_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a presented challenge id has the shape of one we issue (anything else is simply unknown). */
  static boolean looksLikeChallengeId(String id) {
    return id != null && id.length() == 22 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
        || c == '-' || c == '_');
  }

  /** Hex of HMAC-SHA256(key, challengeId ":" code). */
  String hash(String challengeId, String code) {
    return HexFormat.of().formatHex(key.mac(challengeId + ":" + code));
  }

  /** Hex of HMAC-SHA256 under a key of its own: names a destination's send budget without the number. */
  String destinationHash(String destination) {
    return HexFormat.of().formatHex(destinationKey.mac(destination));
  }

  /** A presented code in its canonical form (spaces and dashes people type dropped), or null when it is no code. */
  static String normalise(String presented) {
    if (presented == null) {
      return null;
    }
    String digits = presented.replaceAll("[\\s-]", "");
    return digits.length() == DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9') ? digits : null;
  }
}
