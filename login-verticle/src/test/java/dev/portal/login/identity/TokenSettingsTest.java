package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Session and signing-key settings")
class TokenSettingsTest {
  private static LoginConfig.Tokens tokens(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.put("NOTIFICATION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return LoginConfig.fromEnv(env).tokens();
  }

  @Test
  @DisplayName("default to 30 minutes idle, 12 hours absolute, 30-day keys published a day ahead and re-read every minute")
  void defaults() {
    LoginConfig.Tokens tokens = tokens();
    assertEquals(new LoginConfig.Sessions(Duration.ofMinutes(30), Duration.ofHours(12)), tokens.sessions());
    assertEquals(new LoginConfig.KeyRotation(Duration.ofDays(30), Duration.ofDays(1), Duration.ofMinutes(1)),
        tokens.keyRotation());
    assertEquals(Duration.ofSeconds(30), tokens.clockSkew());
  }

  @Test
  @DisplayName("SESSION_ABSOLUTE_TTL_SECONDS wins; the older SESSION_TTL_SECONDS still works when it is unset")
  void absoluteLifetimeFallsBackToTheOldName() {
    assertEquals(Duration.ofHours(2), tokens("SESSION_TTL_SECONDS", "7200").sessions().absoluteTtl());
    assertEquals(Duration.ofHours(1), tokens("SESSION_TTL_SECONDS", "7200", "SESSION_ABSOLUTE_TTL_SECONDS", "3600")
        .sessions().absoluteTtl());
    assertEquals(Duration.ofMinutes(5), tokens("SESSION_IDLE_TTL_SECONDS", "300").sessions().idleTtl());
  }
}
