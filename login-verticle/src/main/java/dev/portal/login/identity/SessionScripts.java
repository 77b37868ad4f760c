package dev.portal.login.identity;

import dev.portal.login.redis.RedisScript;

/**
 * Every Lua script on the session keys, in one place. Each runs atomically in Redis, which is what
 * makes refresh rotation race-free: of two requests presenting the same refresh token, exactly one
 * rotates and the other is seen as reuse.
 *
 * <p>Session hash fields: accountId, roles and amr (comma-separated), refreshTokenHash, createdAt,
 * lastSeenAt and absoluteExpiresAt (epoch ms), idleTtlMs, retainSeconds (TTL of its tombstone and
 * refresh lookups), ip, userAgent, deviceToken (optional). Times come from the caller's clock, never
 * Redis's, so expiry follows the injectable clock.
 *
 * <p>Scripts that find a session id through a lookup build its keys from prefixes passed in ARGV;
 * that needs a single Redis node (or keys colocated by hash tag) to run on Redis Cluster.
 */
final class SessionScripts {
  private SessionScripts() {
  }

  /** Lua shared by the scripts: ends a session leaving a tombstone, and classifies expiry. */
  private static final String FUNCTIONS = """
      local function endSession(skey, ekey, reason, retain)
        redis.call('DEL', skey)
        redis.call('SET', ekey, reason, 'EX', retain)
      end
      local function expiry(now, lastSeenAt, absoluteExpiresAt, idleTtlMs)
        if now >= tonumber(absoluteExpiresAt) then return 'absolute-expired' end
        if now - tonumber(lastSeenAt) >= tonumber(idleTtlMs) then return 'idle-expired' end
        return nil
      end
      """;

  /**
   * KEYS: session, refresh lookup, account index. ARGV: sid, retainSeconds, then field/value pairs.
   */
  static final RedisScript CREATE = new RedisScript("""
      redis.call('HSET', KEYS[1], unpack(ARGV, 3))
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[1])
      redis.call('EXPIRE', KEYS[3], ARGV[2])
      return 1
      """);

  /**
   * KEYS: refresh lookup of the presented token. ARGV: presented hash, new hash, now (ms), session
   * key prefix, tombstone key prefix, refresh lookup key prefix.
   * Returns {'rotated', sid, accountId, roles, amr} | {'reused', sid, accountId}
   * | {'ended', sid, reason} | {'unknown'}.
   */
  static final RedisScript REFRESH = new RedisScript(FUNCTIONS + """
      local sid = redis.call('GET', KEYS[1])
      if not sid then return {'unknown'} end
      local skey = ARGV[4] .. sid
      local ekey = ARGV[5] .. sid
      local s = redis.call('HMGET', skey, 'accountId', 'refreshTokenHash', 'lastSeenAt', 'absoluteExpiresAt',
        'idleTtlMs', 'retainSeconds', 'roles', 'amr')
      if not s[1] then
        local ended = redis.call('GET', ekey)
        if ended then return {'ended', sid, ended} end
        return {'unknown'}
      end
      local now = tonumber(ARGV[3])
      local expired = expiry(now, s[3], s[4], s[5])
      if expired then
        endSession(skey, ekey, expired, s[6])
        return {'ended', sid, expired}
      end
      if s[2] ~= ARGV[1] then
        endSession(skey, ekey, 'reused', s[6])
        return {'reused', sid, s[1]}
      end
      redis.call('HSET', skey, 'refreshTokenHash', ARGV[2], 'lastSeenAt', ARGV[3])
      redis.call('SET', ARGV[6] .. ARGV[2], sid, 'EX', s[6])
      return {'rotated', sid, s[1], s[7] or '', s[8] or ''}
      """);

  /**
   * KEYS: session, tombstone, account index. ARGV: the account that must own it, reason, session id.
   * Returns 1 when a live session of that account ended, else 0.
   */
  static final RedisScript END = new RedisScript("""
      local s = redis.call('HMGET', KEYS[1], 'accountId', 'retainSeconds')
      if not s[1] or s[1] ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[1])
      redis.call('SET', KEYS[2], ARGV[2], 'EX', s[2])
      redis.call('SREM', KEYS[3], ARGV[3])
      return 1
      """);

  /**
   * KEYS: account index. ARGV: session key prefix, tombstone key prefix, reason, session id to keep
   * ('' for none), now (ms). Ends every other live session (already expired ones end as expired)
   * and returns the ids of those it revoked.
   */
  static final RedisScript END_ACCOUNT = new RedisScript(FUNCTIONS + """
      local revoked = {}
      local now = tonumber(ARGV[5])
      for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        if sid ~= ARGV[4] then
          local skey = ARGV[1] .. sid
          local s = redis.call('HMGET', skey, 'lastSeenAt', 'absoluteExpiresAt', 'idleTtlMs', 'retainSeconds')
          if s[4] then
            local expired = expiry(now, s[1], s[2], s[3])
            endSession(skey, ARGV[2] .. sid, expired or ARGV[3], s[4])
            if not expired then table.insert(revoked, sid) end
          end
          redis.call('SREM', KEYS[1], sid)
        end
      end
      return revoked
      """);

  /**
   * KEYS: account index. ARGV: session key prefix, now (ms). Returns, for each live session,
   * sid, createdAt, lastSeenAt, ip, userAgent ('' when unknown); drops ids of vanished sessions.
   */
  static final RedisScript LIST = new RedisScript(FUNCTIONS + """
      local out = {}
      local now = tonumber(ARGV[2])
      for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        local s = redis.call('HMGET', ARGV[1] .. sid, 'createdAt', 'lastSeenAt', 'absoluteExpiresAt', 'idleTtlMs',
          'ip', 'userAgent')
        if not s[1] then
          redis.call('SREM', KEYS[1], sid)
        elseif not expiry(now, s[2], s[3], s[4]) then
          table.insert(out, sid)
          table.insert(out, s[1])
          table.insert(out, s[2])
          table.insert(out, s[5] or '')
          table.insert(out, s[6] or '')
        end
      end
      return out
      """);
}
