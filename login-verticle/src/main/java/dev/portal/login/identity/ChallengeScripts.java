package dev.portal.login.identity;

import dev.portal.login.redis.RedisScript;

/**
 * The Lua scripts on one-time-code challenges, in one place. Each is one atomic round trip, so two
 * requests racing on one challenge can never both spend it, and wrong codes are counted exactly.
 *
 * <p>Challenge hash fields: accountId, purpose, channel, codeHash (hex HMAC, never the code),
 * attempts, resends, lastSentAt and expiresAt (epoch ms from the caller's clock, so expiry follows
 * the injectable clock; the key's TTL only collects garbage), destination (masked), to (an explicit
 * destination, '' for the account's own contact), locale ('' for the account's), attributes (JSON),
 * state ('burned' once too many wrong codes were given).
 */
final class ChallengeScripts {
  private ChallengeScripts() {
  }

  // OK replies carry, after 'OK': accountId, channel, expiresAt, resends, destination, attributes, to, locale, purpose
  private static final String READ = """
      local f = redis.call('HMGET', KEYS[1], 'accountId', 'purpose', 'channel', 'expiresAt', 'resends',
        'destination', 'attributes', 'state', 'attempts', 'codeHash', 'to', 'locale', 'lastSentAt')
      local function ok(resends)
        return {'OK', f[1], f[3], f[4], resends or f[5], f[6] or '', f[7] or '', f[11] or '', f[12] or '', f[2]}
      end
      """;

  /**
   * Spends one send of every budget the send counts against (KEYS[2] onwards: the account's, and the
   * destination's when the code goes to a number the account has not proven), in the same script as what
   * the send is for, so a refused send changes nothing. ARGV[1] budget, ARGV[2] window ms. Returns the
   * ms until the first spent budget's window ends, else nil (the send is counted in each).
   */
  private static final String SPEND_SEND = """
      local function budget_spent()
        for i = 2, #KEYS do
          local sent = tonumber(redis.call('GET', KEYS[i]) or '0')
          if sent >= tonumber(ARGV[1]) then
            local left = redis.call('PTTL', KEYS[i])
            return left > 0 and left or tonumber(ARGV[2])
          end
        end
        for i = 2, #KEYS do
          if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
        end
        return nil
      end
      """;

  /**
   * KEYS: challenge, the account's code budget, the destination's (only with an explicit destination).
   * ARGV: send budget, window ms ('0' when no code is sent: an authenticator challenge), ttl ms, then
   * field/value pairs.
   * Returns {'OK'} | {'BUDGET', ms until the window ends} (nothing created).
   */
  static final RedisScript CREATE = new RedisScript(SPEND_SEND + """
      if ARGV[2] ~= '0' then
        local wait = budget_spent()
        if wait then return {'BUDGET', wait} end
      end
      redis.call('HSET', KEYS[1], unpack(ARGV, 4))
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return {'OK'}
      """);

  /**
   * KEYS: challenge. ARGV: now ms, expected purpose, mode, code hash, max attempts.
   * Mode 'code' compares the code hash (in constant time: every byte is looked at) and spends the
   * challenge on a match; mode 'peek' compares alike but leaves a matched challenge live, for a caller
   * with more to check before the code is used up (it spends it later with 'accept'). An authenticator
   * challenge is left untouched by both and answered {'AUTHENTICATOR', accountId}; then the caller
   * checks the code and comes back with 'accept' (spends it) or 'reject' (counts a wrong code). Returns
   * OK + fields | {'BAD', attemptsLeft, accountId, attributes} (0 left: it is now burned) |
   * {'GONE', unknown|purpose|burned|expired}.
   */
  static final RedisScript CHECK = new RedisScript(READ + """
      if not f[1] then return {'GONE', 'unknown'} end
      if f[2] ~= ARGV[2] then return {'GONE', 'purpose'} end
      if f[8] == 'burned' then return {'GONE', 'burned'} end
      if tonumber(f[4]) <= tonumber(ARGV[1]) then
        redis.call('DEL', KEYS[1])
        return {'GONE', 'expired'}
      end
      local mode = ARGV[3]
      local compares = mode == 'code' or mode == 'peek'
      if compares and f[3] == 'totp' then return {'AUTHENTICATOR', f[1]} end
      local match = mode == 'accept'
      if compares then
        local stored, presented = f[10] or '', ARGV[4]
        if #stored == #presented and #stored > 0 then
          local diff = 0
          for i = 1, #stored do
            diff = bit.bor(diff, bit.bxor(string.byte(stored, i), string.byte(presented, i)))
          end
          match = diff == 0
        end
      end
      if match then
        if mode ~= 'peek' then redis.call('DEL', KEYS[1]) end
        return ok()
      end
      local left = tonumber(ARGV[5]) - redis.call('HINCRBY', KEYS[1], 'attempts', 1)
      if left <= 0 then
        redis.call('HSET', KEYS[1], 'state', 'burned')
        left = 0
      end
      return {'BAD', left, f[1], f[7] or ''}
      """);

  /**
   * KEYS: challenge, the code budget of the account ARGV[7], the destination's (only with an explicit
   * destination). ARGV: send budget, window ms, now ms, new code hash, max resends, cooldown ms,
   * account id. Returns OK + fields (resends already counted) | {'COOLDOWN', ms to wait} | {'LIMIT',
   * ms until it expires} | {'BUDGET', ms until the spent budget's window ends, accountId, channel,
   * purpose} | {'NO_CODE'} (an authenticator challenge sends nothing) | {'GONE'}; only OK changes
   * anything.
   */
  static final RedisScript RESEND = new RedisScript(READ + SPEND_SEND + """
      if not f[1] or f[8] == 'burned' or f[1] ~= ARGV[7] then return {'GONE'} end
      local now = tonumber(ARGV[3])
      if tonumber(f[4]) <= now then
        redis.call('DEL', KEYS[1])
        return {'GONE'}
      end
      if f[3] == 'totp' then return {'NO_CODE'} end
      local resends = tonumber(f[5])
      if resends >= tonumber(ARGV[5]) then return {'LIMIT', tonumber(f[4]) - now} end
      local wait = tonumber(f[13]) + tonumber(ARGV[6]) - now
      if wait > 0 then return {'COOLDOWN', wait} end
      local spent = budget_spent()
      if spent then return {'BUDGET', spent, f[1], f[3], f[2]} end
      redis.call('HSET', KEYS[1], 'codeHash', ARGV[4], 'resends', resends + 1, 'lastSentAt', ARGV[3])
      return ok(tostring(resends + 1))
      """);

  /**
   * KEYS: used TOTP steps of an account. ARGV: step, oldest step worth keeping, ttl seconds.
   * Returns 1 when the step was free (now taken), 0 when a code of that step was already accepted.
   */
  static final RedisScript CLAIM_TOTP_STEP = new RedisScript("""
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
      local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[1])
      redis.call('EXPIRE', KEYS[1], ARGV[3])
      return added
      """);
}
