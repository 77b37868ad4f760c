package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.ServiceEndpoints;
import io.vertx.redis.client.PoolOptions;
import io.vertx.redis.client.RedisOptions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The session store's connection pool")
class RedisSessionPoolTest {

  @Test
  @DisplayName("is sized by the gateway's settings, not the Vert.x defaults of 6 connections and 24 waiting")
  void sizedBySettings() {
    GatewayConfig config = GatewayConfig.fromEnv(
        Map.of("GATEWAY_REDIS_POOL_SIZE", "48", "GATEWAY_REDIS_POOL_WAITING", "2000"), "127.0.0.1");
    RedisOptions options = RedisSessionCheck.options(new ServiceEndpoints.Redis("redis://127.0.0.1:6379"),
        config.redisPool());
    PoolOptions pool = options.getPoolOptions();
    assertEquals(48, pool.getMaxSize());
    assertEquals(2000, pool.getMaxWaiting());
    assertEquals(RedisSessionCheck.POOL_NAME, pool.getName());
    assertEquals("redis://127.0.0.1:6379", options.getEndpoint());
  }

  @Test
  @DisplayName("by default carries 32 connections and 1024 waiting requests")
  void defaults() {
    PoolOptions pool = RedisSessionCheck.options(new ServiceEndpoints.Redis("redis://127.0.0.1:6379"),
        GatewayConfig.fromEnv(Map.of(), "127.0.0.1").redisPool()).getPoolOptions();
    assertEquals(32, pool.getMaxSize());
    assertEquals(1024, pool.getMaxWaiting());
  }
}
