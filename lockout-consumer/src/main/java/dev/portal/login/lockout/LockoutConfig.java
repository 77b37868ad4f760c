package dev.portal.login.lockout;

import dev.portal.login.consumer.ConsumerSettings;
import dev.portal.login.consumer.EnvNumbers;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the lockout consumer, read once at start-up: how it reads Kafka and the policy it
 * applies ({@link LockoutRules} lists the policy variables).
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>LOCKOUT_GROUP_ID</td><td>lockout-consumer</td><td>Kafka consumer group of the lockout consumers</td></tr>
 *   <tr><td>LOCKOUT_POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>LOCKOUT_MAX_POLL_RECORDS</td><td>500</td><td>most records handled in one batch</td></tr>
 *   <tr><td>LOCKOUT_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>LOCKOUT_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>LOCKOUT_PUBLISH_TIMEOUT_MS</td><td>5000</td><td>bound on publishing account.locked / account.unlocked
 *       and lock notifications; the batch is retried after it</td></tr>
 *   <tr><td>LOCKOUT_REDIS_POOL_SIZE</td><td>8</td><td>Redis connections of the lockout consumer</td></tr>
 *   <tr><td>LOCKOUT_REDIS_POOL_WAITING</td><td>4096</td><td>Redis requests that may wait for a connection; a batch
 *       applies its subjects in parallel, so this must exceed LOCKOUT_MAX_POLL_RECORDS</td></tr>
 * </table>
 */
public record LockoutConfig(ConsumerSettings consumer, LockoutRules rules, Duration publishTimeout, int redisPoolSize,
    int redisPoolWaiting) {

  public static LockoutConfig fromEnv(Map<String, String> env) {
    return new LockoutConfig(ConsumerSettings.fromEnv(env, "LOCKOUT_", "lockout-consumer"), LockoutRules.fromEnv(env),
        EnvNumbers.positiveMillis(env, "LOCKOUT_PUBLISH_TIMEOUT_MS", 5_000),
        EnvNumbers.positiveCount(env, "LOCKOUT_REDIS_POOL_SIZE", 8),
        EnvNumbers.positiveCount(env, "LOCKOUT_REDIS_POOL_WAITING", 4096));
  }
}
