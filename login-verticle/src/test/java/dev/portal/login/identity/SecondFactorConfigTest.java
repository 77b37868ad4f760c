package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecondFactorConfigTest {
  @Test
  @DisplayName("without settings: nobody is required a second factor, codes live 5 minutes, 5 tries, 3 resends 60 s apart, 10 codes an hour per account")
  void defaults() {
    SecondFactorConfig config = SecondFactorConfig.fromEnv(Map.of());
    assertEquals(SecondFactorConfig.Requirement.NONE, config.requirement());
    assertEquals(Duration.ofMinutes(5), config.codeTtl());
    assertEquals(5, config.maxAttempts());
    assertEquals(3, config.maxResends());
    assertEquals(Duration.ofSeconds(60), config.resendCooldown());
    assertEquals(10, config.codeSendLimit());
    assertEquals(Duration.ofHours(1), config.codeSendWindow());
    assertEquals("Portal", config.totpIssuer());
    assertEquals(Duration.ofMinutes(10), config.totpEnrolmentTtl());
  }

  @Test
  @DisplayName("each variable is read, the requirement in any case")
  void reads() {
    SecondFactorConfig config = SecondFactorConfig.fromEnv(Map.of("MFA_REQUIRED", "Privileged",
        "MFA_CODE_TTL_SECONDS", "600", "MFA_MAX_ATTEMPTS", "3", "MFA_MAX_RESENDS", "0",
        "MFA_RESEND_COOLDOWN_SECONDS", "30", "TOTP_ISSUER", "Portal Imigrasi", "TOTP_ENROLMENT_TTL_SECONDS", "120"));
    assertEquals(SecondFactorConfig.Requirement.PRIVILEGED, config.requirement());
    assertEquals(Duration.ofMinutes(10), config.codeTtl());
    assertEquals(3, config.maxAttempts());
    assertEquals(0, config.maxResends());
    assertEquals(Duration.ofSeconds(30), config.resendCooldown());
    assertEquals("Portal Imigrasi", config.totpIssuer());
    assertEquals(Duration.ofMinutes(2), config.totpEnrolmentTtl());
    assertEquals(SecondFactorConfig.Requirement.ALL, SecondFactorConfig.fromEnv(Map.of("MFA_REQUIRED", "all"))
        .requirement());
  }

  @Test
  @DisplayName("a code lifetime over 10 minutes and an unknown requirement are refused, naming the variable")
  void refuses() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SecondFactorConfig.fromEnv(Map.of("MFA_CODE_TTL_SECONDS", "601"))).getMessage()
        .contains("MFA_CODE_TTL_SECONDS"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SecondFactorConfig.fromEnv(Map.of("MFA_REQUIRED", "admins"))).getMessage().contains("MFA_REQUIRED"));
  }
}
