package dev.portal.login.identity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * OWASP device cookies: a token proving that a browser or app once logged in to an account, so its
 * attempts are judged by its own failure budget and an attacker elsewhere cannot lock the owner out.
 * The token is base64url(account id | device id | issued-at millis | HMAC-SHA256 of those) under a key
 * derived from the key-encryption key; nothing is stored, and every instance can check any token.
 */
final class DeviceTokens {
  private static final String DERIVATION_LABEL = "login-backend/device-token/v1";
  private static final int BODY_BYTES = 16 + 16 + 8;
  private static final int MAC_BYTES = 32;
  /** Instances' clocks may disagree a little; a token from slightly ahead is still genuine. */
  private static final Duration ISSUED_AT_SKEW = Duration.ofMinutes(5);

  private final DerivedKey key;
  private final Duration ttl;
  private final Clock clock;

  DeviceTokens(LoginConfig.KeyEncryptionKey keyEncryptionKey, Duration ttl, Clock clock) {
    this.key = DerivedKey.of(keyEncryptionKey, DERIVATION_LABEL);
    this.ttl = ttl;
    this.clock = clock;
  }

  String issue(UUID accountId, UUID deviceId) {
    ByteBuffer body = ByteBuffer.allocate(BODY_BYTES)
        .putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits())
        .putLong(deviceId.getMostSignificantBits()).putLong(deviceId.getLeastSignificantBits())
        .putLong(clock.millis());
    byte[] token = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES).put(body.array()).put(key.mac(body.array())).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The device id of a genuine, unexpired token issued to {@code accountId}; null for anything else. */
  UUID deviceOf(String token, UUID accountId) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (bytes.length != BODY_BYTES + MAC_BYTES) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte[] body = new byte[BODY_BYTES];
    byte[] presentedMac = new byte[MAC_BYTES];
    buffer.get(body).get(presentedMac);
    if (!MessageDigest.isEqual(key.mac(body), presentedMac)) {
      return null;
    }
    ByteBuffer fields = ByteBuffer.wrap(body);
    UUID account = new UUID(fields.getLong(), fields.getLong());
    UUID device = new UUID(fields.getLong(), fields.getLong());
    long issuedAt = fields.getLong();
    long now = clock.millis();
    boolean fresh = issuedAt <= now + ISSUED_AT_SKEW.toMillis() && now - issuedAt < ttl.toMillis();
    return account.equals(accountId) && fresh ? device : null;
  }

  Duration ttl() {
    return ttl;
  }
}
