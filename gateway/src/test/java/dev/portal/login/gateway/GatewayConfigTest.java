package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  @DisplayName("sizes the session-store pool for a surge by default: 32 connections, 1024 waiting")
  void redisPoolDefaults() {
    GatewayConfig config = GatewayConfig.fromEnv(Map.of(), "127.0.0.1");
    assertEquals(new GatewayConfig.RedisPool(32, 1_024), config.redisPool());
  }

  @Test
  @DisplayName("takes the session-store pool from GATEWAY_REDIS_POOL_SIZE and GATEWAY_REDIS_POOL_WAITING")
  void redisPoolOverrides() {
    GatewayConfig config = GatewayConfig.fromEnv(
        Map.of("GATEWAY_REDIS_POOL_SIZE", "64", "GATEWAY_REDIS_POOL_WAITING", "0"), "127.0.0.1");
    assertEquals(64, config.redisPool().maxSize());
    assertEquals(0, config.redisPool().maxWaiting());
  }

  @Test
  @DisplayName("refuses a session-store pool of no connections, naming the variable")
  void redisPoolInvalid() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("GATEWAY_REDIS_POOL_SIZE", "0"), "127.0.0.1"));
    assertTrue(error.getMessage().contains("GATEWAY_REDIS_POOL_SIZE"));
    assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("GATEWAY_REDIS_POOL_WAITING", "-1"), "127.0.0.1"));
  }

  @Test
  @DisplayName("writes the access log unless ACCESS_LOG is false, and refuses other words")
  void accessLog() {
    assertTrue(GatewayConfig.fromEnv(Map.of(), "127.0.0.1").accessLog());
    assertFalse(GatewayConfig.fromEnv(Map.of("ACCESS_LOG", "false"), "127.0.0.1").accessLog());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("ACCESS_LOG", "off"), "127.0.0.1"));
    assertTrue(error.getMessage().contains("ACCESS_LOG"));
  }

  @Test
  @DisplayName("keeps the development outbox off unless DEV_OUTBOX is true, and refuses other words")
  void devOutbox() {
    assertFalse(GatewayConfig.fromEnv(Map.of(), "127.0.0.1").devOutbox());
    assertTrue(GatewayConfig.fromEnv(Map.of("DEV_OUTBOX", "TRUE"), "127.0.0.1").devOutbox());
    assertFalse(GatewayConfig.fromEnv(Map.of("DEV_OUTBOX", "false"), "127.0.0.1").devOutbox());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GatewayConfig.fromEnv(Map.of("DEV_OUTBOX", "yes"), "127.0.0.1"));
    assertTrue(error.getMessage().contains("DEV_OUTBOX"));
  }
}
