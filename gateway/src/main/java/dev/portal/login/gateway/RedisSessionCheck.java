package dev.portal.login.gateway;

import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.List;

/**
 * The session check as one Redis round trip: a Lua script reads the session the login role wrote,
 * decides idle and absolute expiry against this gateway's clock (ending an expired session with a
 * tombstone, as the login role would), touches lastSeenAt when live, and otherwise reads why the
 * session ended. No PostgreSQL, no event-bus hop.
 */
final class RedisSessionCheck implements SessionCheck {
  /** Pool name: a fixed name keeps the pool metric label bounded. */
  static final String POOL_NAME = "gateway";

  /** KEYS: session, tombstone. ARGV: now (ms), the token's subject. Field names as the login role writes them. */
  static final RedisScript CHECK = new RedisScript("""
      local s = redis.call('HMGET', KEYS[1], 'accountId', 'lastSeenAt', 'absoluteExpiresAt', 'idleTtlMs',
        'retainSeconds')
      if not s[1] then
        local ended = redis.call('GET', KEYS[2])
        if ended then return 'ended:' .. ended end
        return 'unknown'
      end
      if s[1] ~= ARGV[2] then return 'unknown' end
      local now = tonumber(ARGV[1])
      local verdict = nil
      if now >= tonumber(s[3]) then verdict = 'absolute-expired'
      elseif now - tonumber(s[2]) >= tonumber(s[4]) then verdict = 'idle-expired' end
      if verdict then
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], verdict, 'EX', s[5])
        return verdict
      end
      if now > tonumber(s[2]) then redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1]) end
      return 'live'
      """);

  private final Redis client;
  private final RedisAPI redis;
  private final Clock clock;

  RedisSessionCheck(Vertx vertx, ServiceEndpoints.Redis endpoint, GatewayConfig.RedisPool pool, Clock clock) {
    this.client = Redis.createClient(vertx, options(endpoint, pool));
    this.redis = RedisAPI.api(client);
    this.clock = clock;
  }

  // Every authenticated request takes a connection for one round trip, so the pool bounds how many
  // requests an instance serves at once; the Vert.x defaults (6 connections, 24 waiting) refuse a surge.
  static RedisOptions options(ServiceEndpoints.Redis endpoint, GatewayConfig.RedisPool pool) {
    RedisOptions options = new RedisOptions().setConnectionString(endpoint.connectionString());
    options.getPoolOptions().setName(POOL_NAME).setMaxSize(pool.maxSize()).setMaxWaiting(pool.maxWaiting());
    return options;
  }

  @Override
  public Future<SessionState> check(String sessionId, String accountId) {
    List<String> keys = List.of(RedisKeys.session(sessionId), RedisKeys.sessionEnded(sessionId));
    return CHECK.run(redis, keys, List.of(Long.toString(clock.millis()), accountId))
        .map(RedisSessionCheck::state);
  }

  @Override
  public Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }

  private static SessionState state(Response answer) {
    return SessionState.fromScript(answer == null ? null : answer.toString());
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
