package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Gateway configuration")
class GatewayConfigTest {

  @Test
  @DisplayName("uses the documented defaults and the launcher's host when nothing is set")
  void defaults() {
    GatewayConfig config = GatewayConfig.fromEnv(Map.of(), "127.0.0.1");
    assertEquals("127.0.0.1", config.host());
    assertEquals(8080, config.port());
    assertEquals(16_384, config.bodyLimitBytes());
    assertEquals(Duration.ofSeconds(10), config.eventBusTimeout());
    assertEquals("login-backend", config.tokenIssuer());
    assertEquals("portal", config.tokenAudience());
    assertEquals(Duration.ofSeconds(30), config.tokenClockSkew());
    assertEquals(Duration.ofMillis(1500), config.healthTimeout());
    assertEquals(Duration.ofSeconds(10), config.jwksRefreshMinInterval());
    assertEquals(Duration.ofSeconds(300), config.jwksMaxAge());
  }

  @Test
  @DisplayName("takes every value from the environment when set")
  void overrides() {
    GatewayConfig config = GatewayConfig.fromEnv(Map.of("HTTP_HOST", "0.0.0.0", "HTTP_PORT", "9090",
        "HTTP_BODY_LIMIT_BYTES", "2048", "TOKEN_AUDIENCE", "employers", "HEALTH_TIMEOUT_MS", "900"), "127.0.0.1");
    assertEquals("0.0.0.0", config.host());
    assertEquals(9090, config.port());
    assertEquals(2048, config.bodyLimitBytes());
    assertEquals("employers", config.tokenAudience());
    assertEquals(Duration.ofMillis(900), config.healthTimeout());
  }

  @Test
  @DisplayName("refuses a value that is not a number, naming the variable")
  void invalidNumber() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("HTTP_PORT", "eighty"), "127.0.0.1"));
    assertTrue(error.getMessage().contains("HTTP_PORT"));
    assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("HTTP_PORT", "70000"), "127.0.0.1"));
  }
}
