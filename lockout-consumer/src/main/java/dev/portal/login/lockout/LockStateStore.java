package dev.portal.login.lockout;

import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lock state of one subject in Redis, read and written by the lockout consumer only. The lock hash
 * ({@link RedisKeys#lock}) holds the fields the login path reads (lockedUntil, permanent, resetAt,
 * failureTimes, lockTimes: epoch milliseconds, lists comma-separated) plus latest and version; the
 * applied set ({@link RedisKeys#applied}) holds the ids of the events already applied. A write
 * succeeds only when the version is the one read and the event is not yet applied, atomically, so a
 * replayed event changes nothing and a concurrent writer (an unlock on another partition) is noticed.
 */
final class LockStateStore {
  static final String CONSUMER = "lockout";

  /** Loaded state, its version, and whether the event was applied already. */
  record Loaded(SubjectState state, long version, boolean alreadyApplied) {
  }

  enum StoreResult { STORED, DUPLICATE, CONFLICT }

  private static final RedisScript LOAD = new RedisScript("""
      local applied = redis.call('ZSCORE', KEYS[2], ARGV[1])
      local fields = redis.call('HMGET', KEYS[1], 'failureTimes', 'resetAt', 'lockedUntil', 'permanent',
        'lockTimes', 'latest', 'version')
      for i = 1, 7 do fields[i] = fields[i] or '' end
      fields[8] = applied and '1' or '0'
      return fields
      """);

  // ARGV: eventId, at, expected version, applied retention ms, lock key ttl ms (0 = persist), then field/value pairs
  private static final RedisScript STORE = new RedisScript("""
      if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 'DUPLICATE' end
      local version = redis.call('HGET', KEYS[1], 'version') or '0'
      if version ~= ARGV[3] then return 'CONFLICT' end
      local fields = {}
      for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
      redis.call('HSET', KEYS[1], 'version', tostring(tonumber(version) + 1), unpack(fields))
      redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%.0f', tonumber(ARGV[2]) - tonumber(ARGV[4])))
      if ARGV[5] == '0' then
        redis.call('PERSIST', KEYS[1])
        redis.call('PERSIST', KEYS[2])
      else
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
      end
      return 'STORED'
      """);

  // ARGV: eventId, at, window ms, threshold, throttle ms, throttled until. Returns 1 when this failure throttles the network.
  private static final RedisScript COUNT_IP_FAILURE = new RedisScript("""
      local at = tonumber(ARGV[2])
      local window = tonumber(ARGV[3])
      local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      if newest[2] and at < tonumber(newest[2]) - window then return 0 end
      if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) == 0 then return 0 end
      local from = string.format('%.0f', at - window)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', from)
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      if redis.call('ZCOUNT', KEYS[1], '(' .. from, '+inf') < tonumber(ARGV[4]) then return 0 end
      local current = tonumber(redis.call('GET', KEYS[2]) or '0')
      if current > at then return 0 end
      redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[5])
      return 1
      """);

  private final RedisAPI redis;
  private final LockoutRules rules;

  LockStateStore(RedisAPI redis, LockoutRules rules) {
    this.redis = redis;
    this.rules = rules;
  }

  Future<Loaded> load(String subject, String eventId) {
    return LOAD.run(redis, keys(subject), List.of(eventId)).map(LockStateStore::loaded);
  }

  Future<StoreResult> store(String subject, String eventId, long at, long expectedVersion, SubjectState state) {
    List<String> args = new ArrayList<>(List.of(eventId, Long.toString(at), Long.toString(expectedVersion),
        Long.toString(rules.retention().toMillis()), Long.toString(ttlMillis(state, at))));
    args.addAll(List.of(
        "failureTimes", join(state.failureTimes()),
        "resetAt", Long.toString(state.resetAt()),
        "lockedUntil", Long.toString(state.lockedUntil()),
        "permanent", state.permanent() ? "1" : "0",
        "lockTimes", join(state.lockTimes()),
        "latest", Long.toString(state.latest())));
    return STORE.run(redis, keys(subject), args).map(reply -> StoreResult.valueOf(reply.toString()));
  }

  /** Counts a failure against its network; true when it makes the network throttled. */
  Future<Boolean> countIpFailure(String network, String eventId, long at) {
    long throttle = rules.ipThrottle().toMillis();
    return COUNT_IP_FAILURE.run(redis, List.of(RedisKeys.ipFailures(network), RedisKeys.ipThrottle(network)),
            List.of(eventId, Long.toString(at), Long.toString(rules.ipThrottleWindow().toMillis()),
                Integer.toString(rules.ipThrottleFailures()), Long.toString(throttle), Long.toString(at + throttle)))
        .map(reply -> reply.toInteger() == 1);
  }

  /** Keeps the set of locked subjects the active-locks gauge counts (a view; the lock hash is the record). */
  Future<Void> markActive(String subject, SubjectState state) {
    if (state.permanent()) {
      return redis.zadd(List.of(RedisKeys.activeLocks(), "+inf", subject)).mapEmpty();
    }
    if (state.lockedUntil() > 0) {
      return redis.zadd(List.of(RedisKeys.activeLocks(), Long.toString(state.lockedUntil()), subject)).mapEmpty();
    }
    return redis.zrem(List.of(RedisKeys.activeLocks(), subject)).mapEmpty();
  }

  /** Subjects locked at {@code now}. */
  Future<Long> countActive(long now) {
    return redis.zcount(RedisKeys.activeLocks(), "(" + now, "+inf").map(Response::toLong);
  }

  private long ttlMillis(SubjectState state, long at) {
    if (state.permanent()) {
      return 0;
    }
    return rules.retention().toMillis() + Math.max(0, state.lockedUntil() - at);
  }

  private static List<String> keys(String subject) {
    return List.of(RedisKeys.lock(subject), RedisKeys.applied(CONSUMER, subject));
  }

  private static Loaded loaded(Response reply) {
    SubjectState state = new SubjectState(times(reply.get(0).toString()), number(reply.get(1)),
        number(reply.get(2)), "1".equals(reply.get(3).toString()), times(reply.get(4).toString()),
        number(reply.get(5)));
    return new Loaded(state, number(reply.get(6)), "1".equals(reply.get(7).toString()));
  }

  private static long number(Response field) {
    String text = field.toString();
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  static List<Long> times(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(Long::parseLong).toList();
  }

  static String join(List<Long> times) {
    return times.stream().map(Object::toString).collect(Collectors.joining(","));
  }
}
