package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceTokensTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  private final LoginConfig.KeyEncryptionKey key = new LoginConfig.KeyEncryptionKey(new byte[32]);
  private final DeviceTokens tokens = new DeviceTokens(key, Duration.ofDays(180), Clock.fixed(NOW, ZoneOffset.UTC));
  private final UUID account = UUID.randomUUID();
  private final UUID device = UUID.randomUUID();

  @Test
  @DisplayName("a token names its device only for the account it was issued to")
  void boundToAccount() {
    String token = tokens.issue(account, device);
    assertEquals(device, tokens.deviceOf(token, account));
    assertNull(tokens.deviceOf(token, UUID.randomUUID()));
  }

  @Test
  @DisplayName("a forged, altered or foreign-key token, or garbage, names no device")
  void forgeriesRefused() {
    String token = tokens.issue(account, device);
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[20] ^= 1;
    assertNull(tokens.deviceOf(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), account));
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    DeviceTokens other = new DeviceTokens(new LoginConfig.KeyEncryptionKey(otherKey), Duration.ofDays(180),
        Clock.fixed(NOW, ZoneOffset.UTC));
    assertNull(tokens.deviceOf(other.issue(account, device), account));
    assertNull(tokens.deviceOf("not base64 !", account));
    assertNull(tokens.deviceOf(null, account));
    assertNull(tokens.deviceOf("", account));
  }

  @Test
  @DisplayName("a token older than its lifetime names no device")
  void expires() {
    String token = new DeviceTokens(key, Duration.ofDays(180), Clock.fixed(NOW.minus(Duration.ofDays(181)),
        ZoneOffset.UTC)).issue(account, device);
    assertNull(tokens.deviceOf(token, account));
  }
}
