package dev.portal.login.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's settings, read once from the environment at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>HTTP_HOST</td><td>the launcher's default (127.0.0.1 in no-setup mode, else 0.0.0.0)</td>
 *       <td>address the HTTP server binds to</td></tr>
 *   <tr><td>HTTP_PORT</td><td>8080</td><td>HTTP port; 0 picks a free one</td></tr>
 *   <tr><td>HTTP_BODY_LIMIT_BYTES</td><td>16384</td><td>largest accepted request body; larger gets 413</td></tr>
 *   <tr><td>HTTP_SHUTDOWN_GRACE_MS</td><td>10000</td>
 *       <td>how long a stopping gateway lets in-flight requests finish</td></tr>
 *   <tr><td>EVENTBUS_TIMEOUT_MS</td><td>10000</td>
 *       <td>how long to wait for the login or audit role to answer; then 503</td></tr>
 *   <tr><td>TOKEN_ISSUER</td><td>login-backend</td><td>required {@code iss} of access tokens</td></tr>
 *   <tr><td>TOKEN_AUDIENCE</td><td>portal</td><td>required {@code aud} of access tokens</td></tr>
 *   <tr><td>TOKEN_CLOCK_SKEW_SECONDS</td><td>30</td><td>tolerance on {@code exp} and {@code nbf}</td></tr>
 *   <tr><td>HEALTH_TIMEOUT_MS</td><td>1500</td><td>how long /health/ready waits for each component</td></tr>
 *   <tr><td>JWKS_REFRESH_MIN_INTERVAL_MS</td><td>10000</td>
 *       <td>least time between two JWKS fetches triggered by an unknown {@code kid}</td></tr>
 *   <tr><td>TRUSTED_PROXIES</td><td>(none)</td><td>comma-separated CIDRs of proxies whose X-Forwarded-For is
 *       believed (the right-most address not in the list is the client); from anyone else the peer counts</td></tr>
 *   <tr><td>DEVICE_TOKEN_TTL_DAYS</td><td>180</td><td>Max-Age of the device_token cookie</td></tr>
 *   <tr><td>JWKS_MAX_AGE_SECONDS</td><td>300</td>
 *       <td>how long a fetched JWK set is served before it is fetched again; also its HTTP max-age</td></tr>
 *   <tr><td>VERIFIED_TOKEN_CACHE_SIZE</td><td>10000</td><td>access tokens per gateway instance whose signature
 *       check is remembered until they expire (claims and session are still checked on every request); 0 = off</td></tr>
 *   <tr><td>GATEWAY_REDIS_POOL_SIZE</td><td>32</td><td>connections per gateway instance to the session store
 *       (Redis); every authenticated request makes one round trip on one of them</td></tr>
 *   <tr><td>GATEWAY_REDIS_POOL_WAITING</td><td>1024</td><td>requests that may wait for a free session-store
 *       connection; beyond that they fail at once with 503. The Vert.x defaults (6 and 24) refused requests
 *       above about 30 concurrent ones; 32 and 1024 carry 256 concurrent requests per instance</td></tr>
 *   <tr><td>DEV_OUTBOX</td><td>false</td><td>{@code true} serves GET /api/v1/dev/outbox (the messages the
 *       notification role would have sent); off, that path answers 404. The launcher turns it on in no-setup
 *       mode only</td></tr>
 *   <tr><td>ACCESS_LOG</td><td>true</td><td>one INFO line per answered request (method, path without the query,
 *       status, duration, request id; health probes and scrapes at DEBUG); {@code false} when the load balancer's
 *       log is enough</td></tr>
 * </table>
 * The live audit stream's settings are listed on {@link AuditStreamSettings}.
 */
public record GatewayConfig(
    String host,
    int port,
    long bodyLimitBytes,
    Duration shutdownGrace,
    Duration eventBusTimeout,
    String tokenIssuer,
    String tokenAudience,
    Duration tokenClockSkew,
    Duration healthTimeout,
    Duration jwksRefreshMinInterval,
    Duration jwksMaxAge,
    TrustedProxies trustedProxies,
    Duration deviceTokenTtl,
    AuditStreamSettings auditStream,
    int verifiedTokenCacheSize,
    RedisPool redisPool,
    boolean devOutbox,
    boolean accessLog) {

  /**
   * The session-store connection pool of one gateway instance.
   *
   * @param maxSize connections kept open at most
   * @param maxWaiting requests queued for a connection at most; more fail at once
   */
  public record RedisPool(int maxSize, int maxWaiting) {
    public RedisPool {
      if (maxSize < 1) {
        throw new IllegalArgumentException("GATEWAY_REDIS_POOL_SIZE must be positive, got " + maxSize);
      }
      if (maxWaiting < 0) {
        throw new IllegalArgumentException("GATEWAY_REDIS_POOL_WAITING must not be negative, got " + maxWaiting);
      }
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tokenIssuer, "tokenIssuer");
    Objects.requireNonNull(tokenAudience, "tokenAudience");
    Objects.requireNonNull(redisPool, "redisPool");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("HTTP_PORT must be between 0 and 65535, got " + port);
    }
    if (bodyLimitBytes < 1) {
      throw new IllegalArgumentException("HTTP_BODY_LIMIT_BYTES must be positive, got " + bodyLimitBytes);
    }
  }

  /**
   * Reads the settings from the environment.
   *
   * @param defaultHost the bind address when HTTP_HOST is unset
   * @throws IllegalArgumentException when a variable is set but not valid, naming the variable
   */
  public static GatewayConfig fromEnv(Map<String, String> env, String defaultHost) {
    return new GatewayConfig(
        text(env, "HTTP_HOST", defaultHost),
        (int) number(env, "HTTP_PORT", 8080),
        number(env, "HTTP_BODY_LIMIT_BYTES", 16_384),
        Duration.ofMillis(number(env, "HTTP_SHUTDOWN_GRACE_MS", 10_000)),
        Duration.ofMillis(positive(env, "EVENTBUS_TIMEOUT_MS", 10_000)),
        text(env, "TOKEN_ISSUER", "login-backend"),
        text(env, "TOKEN_AUDIENCE", "portal"),
        Duration.ofSeconds(number(env, "TOKEN_CLOCK_SKEW_SECONDS", 30)),
        Duration.ofMillis(positive(env, "HEALTH_TIMEOUT_MS", 1_500)),
        Duration.ofMillis(number(env, "JWKS_REFRESH_MIN_INTERVAL_MS", 10_000)),
        Duration.ofSeconds(number(env, "JWKS_MAX_AGE_SECONDS", 300)),
        TrustedProxies.parse(env.get("TRUSTED_PROXIES")),
        Duration.ofDays(positive(env, "DEVICE_TOKEN_TTL_DAYS", 180)),
        AuditStreamSettings.fromEnv(env),
        (int) number(env, "VERIFIED_TOKEN_CACHE_SIZE", 10_000),
        new RedisPool(
            (int) positive(env, "GATEWAY_REDIS_POOL_SIZE", 32),
            (int) number(env, "GATEWAY_REDIS_POOL_WAITING", 1_024)),
        flag(env, "DEV_OUTBOX", false),
        flag(env, "ACCESS_LOG", true));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw new IllegalArgumentException(name + " must not be negative, got " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
    }
  }

  private static boolean flag(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  private static long positive(Map<String, String> env, String name, long fallback) {
    long value = number(env, name, fallback);
    if (value == 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
